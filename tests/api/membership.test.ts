import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

const v1 = "management.loft.sh/v1";
const TOKENS = `${API_PREFIX}/directclusterendpointtokens`;
const KEYS = `${API_PREFIX}/ownedaccesskeys`;
const token = (scope: unknown) => ({
  apiVersion: v1,
  kind: "DirectClusterEndpointToken",
  spec: { scope },
});
const names = (body: { items: Array<{ metadata: { name: string } }> }) =>
  body.items.map((i) => i.metadata.name);

let t: TestPlatform;
let carol: string;

async function create(path: string, kind: string, name: string, spec: unknown = {}) {
  const res = await t.call("POST", `${API_PREFIX}${path}`, {
    body: { apiVersion: v1, kind, metadata: { name }, spec },
  });
  expect(res.status).toBe(201);
  return res.body;
}

beforeAll(async () => {
  t = await startTestPlatform();
  await create("/users", "User", "carol", { displayName: "Carol", email: "carol@example.com" });
  await create("/users", "User", "dave");
  await create("/projects", "Project", "team-c", { members: [{ kind: "User", name: "carol" }] });
  await create("/projects", "Project", "secret", { members: [{ kind: "User", name: "dave" }] });
  await create("/namespaces/p-team-c/virtualclusterinstances", "VirtualClusterInstance", "mine");
  await create("/namespaces/p-secret/virtualclusterinstances", "VirtualClusterInstance", "theirs");
  const key = await t.call("POST", KEYS, {
    body: {
      apiVersion: v1,
      kind: "OwnedAccessKey",
      metadata: { name: "carol-key" },
      spec: { user: "carol" },
    },
  });
  expect(key.status).toBe(201);
  carol = key.body.spec.key;
});
afterAll(() => t.close());

describe("owned access keys", () => {
  it("shows the secret once, in the create response, and never in get or list", async () => {
    expect(carol).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const list = await t.call("GET", KEYS);
    expect(names(list.body)).toContain("carol-key");
    expect(JSON.stringify(list.body)).not.toContain(carol);
    for (const item of list.body.items) expect(item.spec.key).toBeUndefined();
    const one = await t.call("GET", `${KEYS}/carol-key`);
    expect(one.body.spec).toEqual({ user: "carol" });
  });

  it("lets a user create keys for themselves only; lists only their own", async () => {
    const own = await t.call("POST", KEYS, {
      key: carol,
      body: {
        apiVersion: v1,
        kind: "OwnedAccessKey",
        metadata: { generateName: "ci-" },
        spec: { scope: { roles: [{ role: "loft-cli" }], projects: [{ project: "team-c" }] } },
      },
    });
    expect(own.status).toBe(201);
    expect(own.body.metadata.name).toMatch(/^ci-[a-z0-9]{5}$/);
    const forDave = await t.call("POST", KEYS, {
      key: carol,
      body: {
        apiVersion: v1,
        kind: "OwnedAccessKey",
        metadata: { name: "sneaky" },
        spec: { user: "dave" },
      },
    });
    expect(forDave.status).toBe(403);
    expect(forDave.body.reason).toBe("Forbidden");
    const mine = await t.call("GET", KEYS, { key: carol });
    expect(names(mine.body).sort()).toEqual(["carol-key", own.body.metadata.name].sort());
    expect((await t.call("GET", `${KEYS}/admin-environment`, { key: carol })).status).toBe(404);

    // The scoped key reports its scope through selves (which its loft-cli role lets it call).
    const self = await t.call("POST", `${API_PREFIX}/selves`, { key: own.body.spec.key, body: {} });
    expect(self.body.status.accessKeyScope).toEqual({
      roles: [{ role: "loft-cli" }],
      projects: [{ project: "team-c" }],
    });
  });

  it("stops authenticating a deleted key", async () => {
    const k = await t.call("POST", KEYS, {
      body: {
        apiVersion: v1,
        kind: "OwnedAccessKey",
        metadata: { name: "short-lived" },
        spec: { user: "dave" },
      },
    });
    expect(
      (await t.call("POST", `${API_PREFIX}/selves`, { key: k.body.spec.key, body: {} })).status,
    ).toBe(201);
    expect((await t.call("DELETE", `${KEYS}/short-lived`)).status).toBe(200);
    expect(
      (await t.call("POST", `${API_PREFIX}/selves`, { key: k.body.spec.key, body: {} })).status,
    ).toBe(401);
  });
});

describe("a non-admin user", () => {
  it("is described by selves", async () => {
    const res = await t.call("POST", `${API_PREFIX}/selves`, { key: carol, body: {} });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "Self",
      status: {
        user: { name: "carol", displayName: "Carol", email: "carol@example.com" },
        subject: "carol",
        projectNamespacePrefix: "p-",
        accessKey: "carol-key",
      },
    });
    expect(res.body.status.accessKeyScope).toBeUndefined();
  });

  it("sees only member projects; others are 403", async () => {
    expect(names((await t.call("GET", `${API_PREFIX}/projects`, { key: carol })).body)).toEqual([
      "team-c",
    ]);
    expect((await t.call("GET", `${API_PREFIX}/projects/team-c`, { key: carol })).status).toBe(200);
    const other = await t.call("GET", `${API_PREFIX}/projects/secret`, { key: carol });
    expect(other.status).toBe(403);
    expect(other.body.message).toBe(
      'projects.management.loft.sh "secret" is forbidden: User "carol" cannot get resource "projects" in API group "management.loft.sh" at the cluster scope',
    );
    expect(other.body.details).toMatchObject({ name: "secret", kind: "projects" });
    // Existence is not revealed.
    expect((await t.call("GET", `${API_PREFIX}/projects/no-such`, { key: carol })).status).toBe(
      403,
    );
  });

  it("sees and manages instances only in member projects", async () => {
    const own = await t.call("GET", `${API_PREFIX}/namespaces/p-team-c/virtualclusterinstances`, {
      key: carol,
    });
    expect(names(own.body)).toEqual(["mine"]);
    const other = await t.call("GET", `${API_PREFIX}/namespaces/p-secret/virtualclusterinstances`, {
      key: carol,
    });
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('in the namespace "p-secret"');
    expect(
      (await t.call("GET", `${API_PREFIX}/namespaces/p-secret/spaceinstances/x`, { key: carol }))
        .status,
    ).toBe(403);
    const everywhere = await t.call("GET", `${API_PREFIX}/virtualclusterinstances`, { key: carol });
    expect(names(everywhere.body)).toEqual(["mine"]);

    const body = (name: string) => ({ apiVersion: v1, kind: "SpaceInstance", metadata: { name } });
    expect(
      (
        await t.call("POST", `${API_PREFIX}/namespaces/p-team-c/spaceinstances`, {
          key: carol,
          body: body("s1"),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.call("POST", `${API_PREFIX}/namespaces/p-secret/spaceinstances`, {
          key: carol,
          body: body("s1"),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call("DELETE", `${API_PREFIX}/namespaces/p-secret/virtualclusterinstances/theirs`, {
          key: carol,
        })
      ).status,
    ).toBe(403);
  });

  it("may not create projects or users, nor read other users", async () => {
    const project = await t.call("POST", `${API_PREFIX}/projects`, {
      key: carol,
      body: { apiVersion: v1, kind: "Project", metadata: { name: "mine-now" } },
    });
    expect(project.status).toBe(403);
    const user = await t.call("POST", `${API_PREFIX}/users`, {
      key: carol,
      body: { apiVersion: v1, kind: "User", metadata: { name: "eve" } },
    });
    expect(user.status).toBe(403);
    expect((await t.call("DELETE", `${API_PREFIX}/projects/team-c`, { key: carol })).status).toBe(
      403,
    );
    expect((await t.call("GET", `${API_PREFIX}/users/dave`, { key: carol })).status).toBe(403);
    expect(names((await t.call("GET", `${API_PREFIX}/users`, { key: carol })).body)).toEqual([
      "carol",
    ]);
  });

  it("issues tokens for member projects and *, and gets 403 naming a non-member project", async () => {
    for (const scope of [
      { projects: [{ project: "team-c" }] },
      { projects: [{ project: "*" }] },
      {
        spaces: [{ project: "team-c", space: "*" }],
        virtualClusters: [{ project: "team-c", virtualCluster: "mine" }],
      },
    ]) {
      const res = await t.call("POST", TOKENS, { key: carol, body: token(scope) });
      expect(res.status).toBe(201);
    }
    const denied = await t.call("POST", TOKENS, {
      key: carol,
      body: token({
        projects: [{ project: "team-c" }],
        virtualClusters: [{ project: "secret", virtualCluster: "*" }],
      }),
    });
    expect(denied.status).toBe(403);
    expect(denied.body.reason).toBe("Forbidden");
    expect(denied.body.message).toContain('project "secret"');
    expect(denied.body.message).toContain("spec.scope.virtualClusters[0].project");
  });

  it("the demo data has a non-admin member", async () => {
    const res = await t.call("GET", `${API_PREFIX}/projects/default`);
    expect(res.body.spec.members).toContainEqual(
      expect.objectContaining({ kind: "User", name: "alice" }),
    );
    const alice = await t.call("GET", `${API_PREFIX}/users/alice`);
    expect(alice.body.spec.clusterRoles).toBeUndefined();
  });
});
