import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { decodeJwt, SignJWT } from "jose";
import type { ExplainFacts, OwnerFacts, OwnerRights } from "@/lib/explain/checks";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { issueToken } from "@/tests/support/direct";
import { createKey } from "@/tests/support/keys";
import { API_PREFIX, type TestPlatform } from "@/tests/support/platform";
import { int, pick, type Rng } from "@/tests/support/prng";

/**
 * Credentials for agreement tests between `explainAccess` and the local direct endpoint, each
 * with the facts the test itself knows about it (never read back from the endpoint): tokens and
 * access keys of the admin, a member (alice), a team, and a deleted team, scoped in generated ways,
 * and broken on purpose (expired, revoked, disabled, tampered, another audience, not yet valid).
 */

const v1 = "management.loft.sh/v1";

export interface Owner {
  kind: "User" | "Team";
  name: string;
  /** An unscoped access key of the owner, to issue tokens with. */
  key: string;
  /** Projects its scopes may name (issuing is refused beyond its memberships). */
  projects: string[];
  rights: OwnerRights;
}

export interface Credential {
  label: string;
  bearer: string;
  facts: Omit<ExplainFacts, "now" | "target">;
}

async function create(t: TestPlatform, p: string, kind: string, name: string, spec: unknown) {
  const res = await t.call("POST", `${API_PREFIX}${p}`, {
    body: { apiVersion: v1, kind, metadata: { name }, spec },
  });
  if (res.status !== 201) throw new Error(`creating ${kind} ${name}: ${res.status}`);
}

/** Team `ops` (member of project `team-ops`, with virtual cluster `ops-vc`) and team `gone`. */
export async function setUpOwners(t: TestPlatform) {
  await create(t, "/teams", "Team", "ops", {});
  await create(t, "/teams", "Team", "gone", {});
  await create(t, "/projects", "Project", "team-ops", { members: [{ kind: "Team", name: "ops" }] });
  await create(
    t,
    "/namespaces/p-team-ops/virtualclusterinstances",
    "VirtualClusterInstance",
    "ops-vc",
    {},
  );
  await create(
    t,
    "/namespaces/p-default/virtualclusterinstances",
    "VirtualClusterInstance",
    "in-eu",
    {
      clusterRef: { cluster: "eu-west-1" },
    },
  );
  const owners: Record<"admin" | "alice" | "ops" | "gone", Owner> = {
    admin: {
      kind: "User",
      name: "admin",
      key: t.adminKey,
      projects: ["default", "payments", "platform", "*"],
      rights: { admin: true, projects: [] },
    },
    alice: {
      kind: "User",
      name: "alice",
      key: await createKey(t, { user: "alice" }),
      projects: ["default", "payments", "*"],
      rights: { admin: false, projects: ["default", "payments"] },
    },
    ops: {
      kind: "Team",
      name: "ops",
      key: await createKey(t, { team: "ops" }),
      projects: ["team-ops"],
      rights: { admin: false, projects: ["team-ops"] },
    },
    gone: {
      kind: "Team",
      name: "gone",
      key: await createKey(t, { team: "gone" }),
      projects: [],
      rights: { admin: false, projects: [] },
    },
  };
  return owners;
}

/** The user's current `spec.tokenGeneration` (absent = 0). */
export async function generationOf(t: TestPlatform, user: string): Promise<number> {
  return (await t.call("GET", `${API_PREFIX}/users/${user}`)).body.spec.tokenGeneration ?? 0;
}

/** Raises a user's token generation by one (as an admin), revoking its tokens issued before. */
export async function raiseGeneration(t: TestPlatform, user: string): Promise<number> {
  const next = (await generationOf(t, user)) + 1;
  const res = await t.call("PATCH", `${API_PREFIX}/users/${user}`, {
    body: { spec: { tokenGeneration: next } },
    headers: { "content-type": "application/merge-patch+json" },
  });
  if (res.status !== 200) throw new Error(`raising the generation: ${res.status}`);
  return next;
}

const some = <T>(rng: Rng, items: readonly T[], max = 2): T[] => [
  ...new Set(Array.from({ length: int(rng, 1, max) }, () => pick(rng, items))),
];

/** A generated scope naming only `projects` (or none at all: unrestricted). */
export function genScope(rng: Rng, projects: string[]): AccessKeyScope | undefined {
  if (rng() < 0.12) return undefined;
  const scope: AccessKeyScope = {};
  const named = projects.filter((p) => p !== "*");
  for (let i = int(rng, 1, 2); i > 0; i--) {
    const field = pick(rng, [
      "projects",
      "spaces",
      "virtualClusters",
      "clusters",
      "roles",
      "rules",
      "rules",
    ] as const);
    if (field === "projects" && projects.length) {
      scope.projects = some(rng, projects).map((project) => ({ project }));
    } else if (field === "spaces" && named.length) {
      scope.spaces = [
        { project: pick(rng, named), space: pick(rng, ["dev", "ops", "payments-dev", "*"]) },
      ];
    } else if (field === "virtualClusters" && named.length) {
      const virtualCluster = pick(rng, [
        "dev-vcluster",
        "preview",
        "checkout",
        "ops-vc",
        "in-eu",
        "*",
      ]);
      scope.virtualClusters = [{ project: pick(rng, named), virtualCluster }];
    } else if (field === "clusters") {
      scope.clusters = some(rng, ["loft-cluster", "eu-west-1", "*"]).map((cluster) => ({
        cluster,
      }));
    } else if (field === "roles") {
      scope.roles = [{ role: pick(rng, ["vcluster", "loft-cli", "network-peer"]) }];
    } else {
      scope.rules = [
        pick(rng, [
          { verbs: ["get", "list"] },
          { nonResourceURLs: ["/version", "/api*"] },
          { verbs: ["get"], resources: [{ resources: ["pods", "namespaces"] }] },
          { namespaces: ["default"] },
          { requestTargets: ["Cluster"] as const },
          { requestTargets: ["ProjectVirtualCluster", "ProjectSpace"] as const, verbs: ["*"] },
          { resources: [{ group: "apps" }] },
        ]),
      ];
    }
  }
  return scope;
}

const ownerFacts = (o: Owner, extra: Partial<OwnerFacts> = {}): OwnerFacts => ({
  kind: o.kind,
  name: o.name,
  exists: true,
  rights: o.rights,
  ...extra,
});

const BASE = { enforcer: "local" as const, projectNamespacePrefix: "p-" };

/** A token issued through the API, with what the test knows about it. */
export async function tokenOf(
  t: TestPlatform,
  owner: Owner,
  spec: Record<string, unknown>,
  generation: number | undefined,
  label: string,
): Promise<Credential> {
  const bearer = await issueToken(t, spec, owner.key);
  return {
    label,
    bearer,
    facts: {
      ...BASE,
      credential: { kind: "token", signature: "valid", claims: decodeJwt(bearer) },
      owner: ownerFacts(owner, { tokenGeneration: generation }),
    },
  };
}

/** An access key created through the API (by the admin), with what the test knows about it. */
export async function keyOf(
  t: TestPlatform,
  owner: Owner,
  spec: { scope?: AccessKeyScope; ttl?: number; disabled?: boolean },
  createdAt: number,
  label: string,
): Promise<Credential> {
  const name = `k-${crypto.randomBytes(4).toString("hex")}`;
  const ownerField = owner.kind === "Team" ? { team: owner.name } : { user: owner.name };
  const bearer = await createKey(t, { ...ownerField, ...spec }, { name });
  const created = Math.floor(createdAt / 1000) * 1000;
  return {
    label,
    bearer,
    facts: {
      ...BASE,
      credential: {
        kind: "accessKey",
        name,
        known: true,
        disabled: spec.disabled === true,
        expires: spec.ttl === undefined ? null : created + spec.ttl * 1000,
        scope: spec.scope,
      },
      owner: ownerFacts(owner),
    },
  };
}

/** Signs claims with the platform's own signing key (DATA_DIR/signing-key.pem) and `kid`. */
export async function signWithPlatformKey(
  t: TestPlatform,
  kid: string,
  claims: Record<string, unknown>,
) {
  const key = crypto.createPrivateKey(
    fs.readFileSync(path.join(t.dataDir, "signing-key.pem"), "utf8"),
  );
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).sign(key);
}

/** The same token with one bit of its signature flipped. */
export function tampered(token: string): string {
  const [h, p, s] = token.split(".") as [string, string, string];
  const sig = Buffer.from(s, "base64url");
  sig[0]! ^= 1;
  return `${h}.${p}.${sig.toString("base64url")}`;
}

/** The same header and claims signed by a key of nobody's. */
export async function foreignSigned(token: string): Promise<string> {
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const header = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as {
    kid: string;
  };
  return new SignJWT(decodeJwt(token))
    .setProtectedHeader({ alg: "RS256", kid: header.kid })
    .sign(privateKey);
}
