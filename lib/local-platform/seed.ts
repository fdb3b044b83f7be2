import { hashKey, keyExpiry, newAccessKey } from "./auth";
import { insertAccessKey } from "./resources/access-keys";
import { newMeta, objectOf } from "./resources/new-object";
import { clusters, CLUSTER_STATUS, DEFAULT_CLUSTER, insertCluster } from "./resources/clusters";
import { spaceInstances, virtualClusterInstances } from "./resources/instances";
import { insertProject, projectNamespace, projects } from "./resources/projects";
import { ownedAccessKeys } from "./resources/access-keys";
import type { Resource } from "./resources/types";
import { users } from "./resources/users";
import { ADMIN_CLUSTER_ROLE } from "./schemas";
import type { ApiObject, Store } from "./store";

const ADMIN_USER = "admin";
const DEMO_USER = "alice";
const ENV_KEY_NAME = "admin-environment";

function addUser(store: Store, name: string, spec: Record<string, unknown>) {
  const user = objectOf(users, newMeta(store, name, {}), { username: name, ...spec }, {});
  store.insert("users", user, `${String(spec.displayName ?? "")}\n${name}`);
}

function addKey(store: Store, name: string, user: string, displayName: string, secret: string) {
  const key = objectOf(ownedAccessKeys, newMeta(store, name, {}), { user, displayName }, {});
  insertAccessKey(store, key, user, secret);
}

function addInstance(
  store: Store,
  prefix: string,
  resource: Resource,
  project: string,
  name: string,
  displayName: string,
  phase: string,
  labels: Record<string, string>,
) {
  const spec = { displayName, clusterRef: { cluster: DEFAULT_CLUSTER } };
  const meta = newMeta(store, name, { labels }, projectNamespace(prefix, project));
  const o = objectOf(resource, meta, spec, { phase });
  store.insert(resource.plural, o, displayName);
}

const PROJECT_USER = "loft-management-project-user";
/** A member who may see a project's instances but not use them (`status.canUse` false). */
const PROJECT_VIEWER = "loft-management-project-viewer";

const CLUSTERS = [
  [DEFAULT_CLUSTER, "Local Cluster"],
  ["eu-west-1", "EU West 1"],
] as const;

const DEMO = [
  {
    name: "default",
    displayName: "Default Project",
    members: [ADMIN_USER, DEMO_USER],
    spaces: [
      ["dev", "Development", "Ready", "dev"],
      ["staging", "Staging", "Ready", "staging"],
    ],
    vclusters: [
      ["dev-vcluster", "Dev vCluster", "Ready", "dev"],
      ["preview", "Preview Environments", "Sleeping", "dev"],
    ],
  },
  {
    name: "payments",
    displayName: "Payments",
    members: [ADMIN_USER, DEMO_USER],
    spaces: [["payments-dev", "Payments Dev", "Ready", "dev"]],
    vclusters: [
      ["checkout", "Checkout", "Ready", "prod"],
      ["ledger", "Ledger", "Pending", "staging"],
    ],
  },
  {
    name: "platform",
    displayName: "Platform Team",
    members: [ADMIN_USER, [DEMO_USER, PROJECT_VIEWER]],
    spaces: [["ops", "Operations", "Ready", "prod"]],
    vclusters: [["shared-tools", "Shared Tools", "Ready", "prod"]],
  },
] as const;

export interface SeedResult {
  /** Secrets created by this start (print once; never stored). */
  adminKey?: string;
  demoKey?: string;
}

/**
 * First start on an empty DATA_DIR: the admin, demo projects with spaces and virtual clusters, and
 * one non-admin member, in one transaction. LOCAL_PLATFORM_ADMIN_KEY, when set, is (idempotently)
 * an access key of the admin on every start.
 */
export function seed(store: Store, prefix: string, envAdminKey: string | undefined): SeedResult {
  return store.transaction(() => {
    // Databases from before clusters existed get them on their next start, once.
    if (store.getMeta("clustersSeeded") === undefined) {
      for (const [name, displayName] of CLUSTERS) {
        if (store.get("clusters", "", name)) continue;
        insertCluster(
          store,
          objectOf(clusters, newMeta(store, name, {}), { displayName }, { ...CLUSTER_STATUS }),
        );
      }
      store.setMeta("clustersSeeded", "1");
    }
    // Databases from before teams kept only User members in `members`: the Team members of their
    // projects get their `team:<name>` rows (platform-db.ts, owner ids) on their next start, once.
    if (store.getMeta("teamMembersIndexed") === undefined) {
      store
        .stmt(
          `INSERT OR IGNORE INTO members (user, project)
           SELECT 'team:' || json_extract(m.value, '$.name'), o.name
           FROM objects o, json_each(o.body, '$.spec.members') m
           WHERE o.kind = 'projects' AND o.namespace = ''
             AND json_extract(m.value, '$.kind') = 'Team'
             AND json_type(m.value, '$.name') = 'text'`,
        )
        .run();
      store.setMeta("teamMembersIndexed", "1");
    }
    const result: SeedResult = {};
    const empty =
      store.stmt("SELECT 1 FROM objects WHERE kind = 'users' LIMIT 1").get() === undefined;
    if (empty) {
      addUser(store, ADMIN_USER, {
        displayName: "Administrator",
        email: "admin@example.com",
        clusterRoles: [{ name: ADMIN_CLUSTER_ROLE }],
      });
      addUser(store, DEMO_USER, { displayName: "Alice Developer", email: "alice@example.com" });
      if (!envAdminKey) {
        result.adminKey = newAccessKey();
        addKey(store, "admin-initial", ADMIN_USER, "Initial admin key", result.adminKey);
      }
      result.demoKey = newAccessKey();
      addKey(store, "alice-initial", DEMO_USER, "Demo user key", result.demoKey);
      for (const p of DEMO) {
        const spec = {
          displayName: p.displayName,
          description: `Demo project ${p.displayName}`,
          members: p.members.map((m) => {
            const [name, clusterRole] = typeof m === "string" ? [m, PROJECT_USER] : m;
            return { kind: "User", name, clusterRole };
          }),
        };
        insertProject(store, objectOf(projects, newMeta(store, p.name, {}), spec, {}));
        for (const [name, display, phase, env] of p.spaces) {
          addInstance(store, prefix, spaceInstances, p.name, name, display, phase, { env });
        }
        for (const [name, display, phase, env] of p.vclusters) {
          addInstance(store, prefix, virtualClusterInstances, p.name, name, display, phase, {
            env,
          });
        }
      }
    }
    if (envAdminKey) ensureEnvKey(store, envAdminKey);
    return result;
  });
}

/**
 * LOCAL_PLATFORM_ADMIN_KEY is access key `admin-environment`, an admin key on every start: its hash
 * follows the setting, and a start enables it again if it was disabled through the API.
 */
function ensureEnvKey(store: Store, secret: string) {
  const hash = hashKey(secret);
  const holder = store.stmt("SELECT object FROM key_hashes WHERE hash = ?").get(hash) as
    { object: number } | undefined;
  const id = store.idOf("ownedaccesskeys", "", ENV_KEY_NAME);
  if (id === undefined || (holder !== undefined && holder.object !== id)) {
    if (holder === undefined) {
      addKey(store, ENV_KEY_NAME, ADMIN_USER, "LOCAL_PLATFORM_ADMIN_KEY", secret);
    }
    return;
  }
  if (holder === undefined) {
    store.stmt("UPDATE key_hashes SET hash = ? WHERE object = ?").run(hash, id);
  }
  const key = store.get("ownedaccesskeys", "", ENV_KEY_NAME);
  if (key?.spec.disabled === true) {
    delete key.spec.disabled;
    key.metadata.resourceVersion = String(store.nextResourceVersion());
    key.metadata.generation += 1;
    store.update("ownedaccesskeys", key, String(key.spec.displayName ?? ""));
  }
}

/** True when `secret` is a current access key of an admin user (not disabled, not expired). */
export function isAdminKey(store: Store, secret: string): boolean {
  const row = store
    .stmt(
      `SELECT a.body AS key, u.body AS user FROM key_hashes k
       JOIN objects a ON a.id = k.object
       JOIN objects u ON u.kind = 'users' AND u.namespace = '' AND u.name = k.user
       WHERE k.hash = ?`,
    )
    .get(hashKey(secret)) as { key: string; user: string } | undefined;
  if (!row || !row.user.includes(`"${ADMIN_CLUSTER_ROLE}"`)) return false;
  const key = JSON.parse(row.key) as ApiObject;
  return key.spec.disabled !== true && Date.now() < (keyExpiry(key) ?? Infinity);
}

/** A fresh admin key, e.g. when kubeconfig.yaml was deleted and no other admin key is known. */
export function createAdminKey(store: Store, name: string): string {
  const secret = newAccessKey();
  store.transaction(() => addKey(store, name, ADMIN_USER, "kubeconfig.yaml", secret));
  return secret;
}
