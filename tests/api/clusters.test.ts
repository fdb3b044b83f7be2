import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

const v1 = "management.loft.sh/v1";
const CLUSTERS = `${API_PREFIX}/clusters`;
const names = (body: { items: Array<{ metadata: { name: string } }> }) =>
  body.items.map((i) => i.metadata.name);

let t: TestPlatform;
/** alice: member of default and payments, viewer of platform. */
let alice: string;
beforeAll(async () => {
  t = await startTestPlatform();
  alice = await createKey(t, { user: "alice" });
});
afterAll(() => t.close());

describe("clusters", () => {
  it("are seeded with loft-cluster and eu-west-1, connected and initialized", async () => {
    const res = await t.call("GET", CLUSTERS);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: "ClusterList", apiVersion: v1 });
    expect(names(res.body)).toEqual(["eu-west-1", "loft-cluster"]);
    for (const c of res.body.items) {
      expect(c).toMatchObject({ kind: "Cluster", status: { phase: "Initialized", online: true } });
      expect(typeof c.spec.displayName).toBe("string");
    }
    const one = await t.call("GET", `${CLUSTERS}/loft-cluster`);
    expect(one.body.metadata.name).toBe("loft-cluster");
  });

  it("list like the others: limit/continue, labelSelector, fieldSelector", async () => {
    const created = await t.call("POST", CLUSTERS, {
      body: {
        apiVersion: v1,
        kind: "Cluster",
        metadata: {
          name: "us-east-1",
          labels: { region: "us" },
          annotations: { "loft.sh/direct-cluster-endpoint": "us.example.com" },
        },
        spec: { displayName: "US East 1" },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toEqual({ phase: "Initialized", online: true });

    const first = await t.call("GET", `${CLUSTERS}?limit=2`);
    expect(names(first.body)).toEqual(["eu-west-1", "loft-cluster"]);
    const next = await t.call(
      "GET",
      `${CLUSTERS}?limit=2&continue=${encodeURIComponent(first.body.metadata.continue)}`,
    );
    expect(names(next.body)).toEqual(["us-east-1"]);
    expect(next.body.metadata.continue).toBeUndefined();
    expect(names((await t.call("GET", `${CLUSTERS}?labelSelector=region%3Dus`)).body)).toEqual([
      "us-east-1",
    ]);
    expect(
      names((await t.call("GET", `${CLUSTERS}?fieldSelector=metadata.name%3Deu-west-1`)).body),
    ).toEqual(["eu-west-1"]);
    expect((await t.call("DELETE", `${CLUSTERS}/us-east-1`)).status).toBe(200);
    expect((await t.call("GET", `${CLUSTERS}/us-east-1`)).status).toBe(404);
  });

  it("a project member gets 403 on the cluster-wide list, get, create and delete", async () => {
    const list = await t.call("GET", CLUSTERS, { key: alice });
    expect(list.status).toBe(403);
    expect(list.body.message).toBe(
      'clusters.management.loft.sh is forbidden: User "alice" cannot list resource "clusters" in API group "management.loft.sh" at the cluster scope',
    );
    expect((await t.call("GET", `${CLUSTERS}/loft-cluster`, { key: alice })).status).toBe(403);
    expect((await t.call("DELETE", `${CLUSTERS}/loft-cluster`, { key: alice })).status).toBe(403);
    const create = await t.call("POST", CLUSTERS, {
      key: alice,
      body: { apiVersion: v1, kind: "Cluster", metadata: { name: "mine" } },
    });
    expect(create.status).toBe(403);
  });

  it("projects/<project>/clusters answers {clusters: [...]} for the project's members (the CLI's way for users)", async () => {
    for (const project of ["default", "platform"]) {
      const res = await t.call("GET", `${API_PREFIX}/projects/${project}/clusters`, { key: alice });
      expect(res.status, project).toBe(200);
      expect(res.body).toMatchObject({ apiVersion: v1, kind: "ProjectClusters" });
      expect(res.body.clusters.map((c: { metadata: { name: string } }) => c.metadata.name)).toEqual(
        ["eu-west-1", "loft-cluster"],
      );
      expect(res.body.clusters[0]).toMatchObject({ kind: "Cluster", status: { online: true } });
    }
    await t.call("POST", `${API_PREFIX}/projects`, {
      body: { apiVersion: v1, kind: "Project", metadata: { name: "closed" } },
    });
    const other = await t.call("GET", `${API_PREFIX}/projects/closed/clusters`, { key: alice });
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('cannot get resource "projects/clusters"');
    expect((await t.call("GET", `${API_PREFIX}/projects/closed/clusters`)).status).toBe(200);
    expect((await t.call("GET", `${API_PREFIX}/projects/nope/clusters`)).status).toBe(404);
    expect((await t.call("GET", `${API_PREFIX}/projects/default/widgets`)).status).toBe(404);
    expect(
      (await t.call("POST", `${API_PREFIX}/projects/default/clusters`, { body: {} })).status,
    ).toBe(405);
  });
});

describe("extended=true on instance lists", () => {
  type Item = { metadata: { name: string; namespace: string }; status: Record<string, unknown> };
  const byName = (body: { items: Item[] }) =>
    Object.fromEntries(
      body.items.map((i) => [`${i.metadata.namespace}/${i.metadata.name}`, i.status]),
    );

  it("adds status.canUse and canUpdate for the caller: false for a viewer's project", async () => {
    for (const plural of ["virtualclusterinstances", "spaceinstances"]) {
      const res = await t.call("GET", `${API_PREFIX}/${plural}?extended=true`, { key: alice });
      expect(res.status).toBe(200);
      const statuses = byName(res.body);
      expect(Object.keys(statuses).length).toBeGreaterThan(0);
      for (const [key, status] of Object.entries(statuses)) {
        const usable = !key.startsWith("p-platform/");
        expect(status, key).toMatchObject({ canUse: usable, canUpdate: usable });
      }
      expect(Object.keys(statuses).some((k) => k.startsWith("p-platform/"))).toBe(true);
    }
    const one = await t.call(
      "GET",
      `${API_PREFIX}/namespaces/p-default/virtualclusterinstances?extended=true&fieldSelector=metadata.name%3Ddev-vcluster`,
      { key: alice },
    );
    expect(one.body.items[0].status).toEqual({ phase: "Ready", canUse: true, canUpdate: true });
  });

  it("admins can use and update everything; without extended=true the fields are absent", async () => {
    const admin = await t.call("GET", `${API_PREFIX}/virtualclusterinstances?extended=true`);
    expect(admin.status).toBe(200);
    const everything = Object.values(byName(admin.body));
    expect(everything.length).toBeGreaterThan(0);
    for (const status of everything)
      expect(status).toMatchObject({ canUse: true, canUpdate: true });
    for (const key of [alice, t.adminKey]) {
      const plain = await t.call("GET", `${API_PREFIX}/virtualclusterinstances`, { key });
      expect(plain.status).toBe(200);
      const statuses = Object.values(byName(plain.body));
      expect(statuses.length).toBeGreaterThan(0);
      for (const status of statuses) {
        expect(status).not.toHaveProperty("canUse");
        expect(status).not.toHaveProperty("canUpdate");
      }
    }
  });
});
