import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { closeDirect, direct, issueToken } from "@/tests/support/direct";
import { createKey } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * Direct cluster endpoints accept access keys as current CLIs send them (`Authorization: Bearer
 * <access key>`), held to the key's scope and its owner's rights exactly as a token of the same
 * scope is; a disabled, expired or deleted key is refused there and on the management API at once.
 * alice is a member of default and payments, a viewer of platform.
 */
const v1 = "management.loft.sh/v1";
const KEYS = `${API_PREFIX}/ownedaccesskeys`;
const SELVES = `${API_PREFIX}/selves`;
const VC = "/kubernetes/project/default/virtualcluster/dev-vcluster";
const OTHER_VC = "/kubernetes/project/default/virtualcluster/preview";
const CLUSTER = "/kubernetes/cluster";

let t: TestPlatform;
let alice: string;
beforeAll(async () => {
  t = await startTestPlatform();
  alice = await createKey(t, { user: "alice" }, { name: "alice-main" });
});
afterAll(async () => {
  closeDirect(t);
  await t.close();
});

const status = async (key: string, path: string, method = "GET") =>
  (await direct(t, key, method, path)).status;
const patchKey = (name: string, spec: Record<string, unknown>) =>
  t.call("PATCH", `${KEYS}/${name}`, {
    body: { spec },
    headers: { "content-type": "application/merge-patch+json" },
  });

describe("an access key at the direct endpoint", () => {
  it("scoped to a virtual cluster reaches it and is 403 on another one and on the cluster", async () => {
    const key = await createKey(
      t,
      {
        user: "alice",
        scope: { virtualClusters: [{ project: "default", virtualCluster: "dev-vcluster" }] },
      },
      { name: "vc-only" },
    );
    const ok = await direct(t, key, "GET", `${VC}/api/v1/namespaces`);
    expect(ok.status).toBe(200);
    expect(ok.body.kind).toBe("NamespaceList");
    const other = await direct(t, key, "GET", `${OTHER_VC}/api/v1/namespaces`);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ kind: "Status", reason: "Forbidden", code: 403 });
    expect(other.body.message).toContain(`the scope of access key "vc-only" does not allow list`);
    expect(await status(key, `${CLUSTER}/api/v1/namespaces`)).toBe(403);
    // The same key on the management API: its scope allows nothing there.
    expect((await t.call("GET", `${API_PREFIX}/projects`, { key })).status).toBe(403);
  });

  it("is held to its owner's rights: members reach their projects' instances, admins the cluster", async () => {
    expect(await status(alice, `${VC}/version`)).toBe(200);
    expect(
      await status(alice, "/kubernetes/project/payments/virtualcluster/checkout/version"),
    ).toBe(200);
    // A viewer of platform may not use its instances; only admins reach the cluster.
    expect(await status(alice, "/kubernetes/project/platform/space/ops/version")).toBe(403);
    expect(await status(alice, `${CLUSTER}/version`)).toBe(403);
    expect(await status(t.adminKey, `${CLUSTER}/api/v1/namespaces`)).toBe(200);
    // Writes are authorized, then refused by the read-only simulation; 404 after authorization.
    expect(await status(alice, `${VC}/api/v1/namespaces/default/configmaps`, "POST")).toBe(405);
    expect(await status(alice, "/kubernetes/project/default/virtualcluster/missing/version")).toBe(
      404,
    );
  });

  it("a team's key reaches its team's projects only", async () => {
    const create = (path: string, kind: string, name: string, spec: unknown = {}) =>
      t.call("POST", `${API_PREFIX}${path}`, {
        body: { apiVersion: v1, kind, metadata: { name }, spec },
      });
    expect((await create("/teams", "Team", "ops")).status).toBe(201);
    const project = { members: [{ kind: "Team", name: "ops" }] };
    expect((await create("/projects", "Project", "team-ops", project)).status).toBe(201);
    const vc = "/namespaces/p-team-ops/virtualclusterinstances";
    expect((await create(vc, "VirtualClusterInstance", "ops-vc")).status).toBe(201);
    const team = await createKey(t, { team: "ops" }, { name: "ops-key" });
    expect(await status(team, "/kubernetes/project/team-ops/virtualcluster/ops-vc/version")).toBe(
      200,
    );
    expect(await status(team, `${VC}/version`)).toBe(403);
    expect(await status(team, `${CLUSTER}/version`)).toBe(403);
  });
});

/** Requests across every kind of target, reads and writes. */
const REQUESTS: Array<[string, string]> = [
  ["GET", `${CLUSTER}/api/v1/namespaces`],
  ["GET", `${CLUSTER}/version`],
  ["GET", `${VC}/api/v1/namespaces`],
  ["GET", `${VC}/api/v1/namespaces/default/pods`],
  ["GET", `${VC}/api/v1/namespaces/default/pods/web-0/log`],
  ["POST", `${VC}/api/v1/namespaces/default/configmaps`],
  ["GET", `${VC}/api`],
  ["GET", `${OTHER_VC}/api/v1/namespaces`],
  ["GET", "/kubernetes/project/payments/virtualcluster/checkout/api/v1/namespaces"],
  ["GET", "/kubernetes/project/default/space/dev/api/v1/namespaces/default/configmaps"],
  ["GET", "/kubernetes/project/payments/space/payments-dev/version"],
  ["GET", "/kubernetes/project/platform/space/ops/api/v1/namespaces"],
  ["GET", "/kubernetes/project/platform/virtualcluster/shared-tools/version"],
];

const SCOPES: Array<[string, AccessKeyScope]> = [
  ["projects", { projects: [{ project: "default" }] }],
  ["all projects", { projects: [{ project: "*" }] }],
  ["spaces", { spaces: [{ project: "default", space: "dev" }] }],
  ["virtualClusters", { virtualClusters: [{ project: "payments", virtualCluster: "*" }] }],
  ["clusters", { clusters: [{ cluster: "loft-cluster" }] }],
  ["roles", { roles: [{ role: "vcluster", projects: ["default"] }] }],
  ["roles loft-cli", { roles: [{ role: "loft-cli" }] }],
  ["allowLoftCli", { allowLoftCli: true }],
  [
    "rules",
    {
      rules: [
        {
          verbs: ["get", "list"],
          resources: [{ group: "", resources: ["namespaces", "pods"] }],
          requestTargets: ["ProjectVirtualCluster", "Cluster"],
        },
        { verbs: ["get"], nonResourceURLs: ["/version"] },
      ],
    },
  ],
  ["rules with a namespace", { rules: [{ namespaces: ["default"] }] }],
  [
    "mixed",
    {
      projects: [{ project: "payments" }],
      virtualClusters: [{ project: "default", virtualCluster: "dev-vcluster" }],
    },
  ],
];

describe("an access key and a token of the same scope get the same answers", () => {
  for (const holder of ["admin", "alice"] as const) {
    it(`for ${holder}, over every scope field`, async () => {
      const issuer = holder === "admin" ? t.adminKey : alice;
      const seen = new Set<number>();
      for (const [label, scope] of SCOPES) {
        const key = await createKey(t, { scope }, { as: issuer });
        const token = await issueToken(t, { scope }, issuer);
        const byKey = await Promise.all(REQUESTS.map(([m, p]) => status(key, p, m)));
        const byToken = await Promise.all(REQUESTS.map(([m, p]) => status(token, p, m)));
        const pairs = REQUESTS.map(
          ([m, p], i) => `${m} ${p}: key ${byKey[i]}, token ${byToken[i]}`,
        );
        expect(byKey, `${holder} ${label}:\n${pairs.join("\n")}`).toEqual(byToken);
        for (const s of byKey) seen.add(s);
      }
      // Both let through and refused, so the comparison means something.
      expect(seen).toContain(200);
      expect(seen).toContain(403);
    });
  }
});

describe("disabled, expired or deleted keys", () => {
  it("disable is 401 at the management API and the direct endpoint at once; enable works again", async () => {
    const key = await createKey(t, { user: "alice" }, { name: "toggled" });
    const token = await issueToken(t, {}, key);
    expect((await t.call("POST", SELVES, { key, body: {} })).status).toBe(201);
    expect(await status(key, `${VC}/version`)).toBe(200);

    expect((await patchKey("toggled", { disabled: true })).status).toBe(200);
    const refused = await t.call("POST", SELVES, { key, body: {} });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
    const direct401 = await direct(t, key, "GET", `${VC}/version`);
    expect(direct401.status).toBe(401);
    expect(direct401.body).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
    // Tokens the key minted are not the key: they keep working (the platform's known behaviour).
    expect(await status(token, `${VC}/version`)).toBe(200);

    expect((await patchKey("toggled", { disabled: false })).status).toBe(200);
    expect((await t.call("POST", SELVES, { key, body: {} })).status).toBe(201);
    expect(await status(key, `${VC}/version`)).toBe(200);
  });

  it("delete is 401 at both at once", async () => {
    const key = await createKey(t, { user: "alice" }, { name: "deleted" });
    const token = await issueToken(t, {}, key);
    expect(await status(key, `${VC}/version`)).toBe(200);
    expect((await t.call("DELETE", `${KEYS}/deleted`)).status).toBe(200);
    expect((await t.call("POST", SELVES, { key, body: {} })).status).toBe(401);
    expect(await status(key, `${VC}/version`)).toBe(401);
    expect(await status(token, `${VC}/version`)).toBe(200);
  });

  it("an expired key is 401 at both", async () => {
    let now = Date.now();
    const own = await startTestPlatform({ clock: () => now });
    try {
      const key = await createKey(own, { user: "alice", ttl: 60 });
      expect((await direct(own, key, "GET", `${VC}/version`)).status).toBe(200);
      now += 60_000;
      expect((await own.call("POST", SELVES, { key, body: {} })).status).toBe(401);
      expect((await direct(own, key, "GET", `${VC}/version`)).status).toBe(401);
    } finally {
      closeDirect(own);
      await own.close();
    }
  });
});
