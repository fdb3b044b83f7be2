import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

const v1 = "management.loft.sh/v1";
const ns = (project: string, plural: string) => `${API_PREFIX}/namespaces/p-${project}/${plural}`;
const names = (body: { items: Array<{ metadata: { name: string } }> }) =>
  body.items.map((i) => i.metadata.name);

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe("projects, instances and users", () => {
  it("creates objects with server-set metadata, labels and generateName", async () => {
    const res = await t.call("POST", `${API_PREFIX}/projects`, {
      body: {
        apiVersion: v1,
        kind: "Project",
        metadata: { generateName: "web-", labels: { team: "web" }, annotations: { note: "hi" } },
        spec: {
          displayName: "Web",
          description: "The web team",
          members: [{ kind: "Team", name: "web" }],
        },
      },
    });
    expect(res.status).toBe(201);
    const m = res.body.metadata;
    expect(m.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(m.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(m.resourceVersion).toMatch(/^\d+$/);
    expect(Date.parse(m.creationTimestamp)).not.toBeNaN();
    expect(m).toMatchObject({
      labels: { team: "web" },
      annotations: { note: "hi" },
      generation: 1,
    });
    const got = await t.call("GET", `${API_PREFIX}/projects/${m.name}`);
    expect(got.body).toEqual(res.body);
  });

  it("creates space and virtual-cluster instances with clusterRef and status.phase", async () => {
    const vc = await t.call("POST", ns("default", "virtualclusterinstances"), {
      body: {
        apiVersion: v1,
        kind: "VirtualClusterInstance",
        metadata: { name: "fresh" },
        spec: { displayName: "Fresh" },
      },
    });
    expect(vc.status).toBe(201);
    expect(vc.body).toMatchObject({
      metadata: { name: "fresh", namespace: "p-default" },
      spec: { displayName: "Fresh", clusterRef: { cluster: "loft-cluster" } },
      status: { phase: "Ready" },
    });
    const sp = await t.call("POST", ns("default", "spaceinstances"), {
      body: {
        apiVersion: v1,
        kind: "SpaceInstance",
        metadata: { name: "sleepy", namespace: "p-default" },
        spec: { clusterRef: { cluster: "edge" } },
        status: { phase: "Sleeping" },
      },
    });
    expect(sp.body).toMatchObject({
      spec: { clusterRef: { cluster: "edge" } },
      status: { phase: "Sleeping" },
    });
    const seeded = await t.call("GET", ns("default", "virtualclusterinstances"));
    expect(seeded.status).toBe(200);
    expect(names(seeded.body)).toEqual(expect.arrayContaining(["dev-vcluster", "fresh"]));
    for (const item of seeded.body.items) {
      expect(item.spec.clusterRef.cluster).toBeTruthy();
      expect(item.status.phase).toBeTruthy();
    }
  });

  it("404 for an instance in a project that does not exist; 400 for a namespace mismatch", async () => {
    const body = { apiVersion: v1, kind: "VirtualClusterInstance", metadata: { name: "x" } };
    const missing = await t.call("POST", ns("ghost", "virtualclusterinstances"), { body });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('projects.management.loft.sh "ghost" not found');
    const mismatch = await t.call("POST", ns("default", "virtualclusterinstances"), {
      body: { ...body, metadata: { name: "x", namespace: "p-payments" } },
    });
    expect(mismatch.status).toBe(400);
  });

  it("deleting a project deletes its instances", async () => {
    await t.call("POST", `${API_PREFIX}/projects`, {
      body: { apiVersion: v1, kind: "Project", metadata: { name: "doomed" } },
    });
    for (const plural of ["spaceinstances", "virtualclusterinstances"]) {
      const kind = plural === "spaceinstances" ? "SpaceInstance" : "VirtualClusterInstance";
      const res = await t.call("POST", ns("doomed", plural), {
        body: { apiVersion: v1, kind, metadata: { name: "a" } },
      });
      expect(res.status).toBe(201);
    }
    const deleted = await t.call("DELETE", `${API_PREFIX}/projects/doomed`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.metadata.name).toBe("doomed");
    expect((await t.call("GET", `${API_PREFIX}/projects/doomed`)).status).toBe(404);
    expect(names((await t.call("GET", ns("doomed", "spaceinstances"))).body)).toEqual([]);
    expect(names((await t.call("GET", ns("doomed", "virtualclusterinstances"))).body)).toEqual([]);
    // The name is free again, with no instances left over.
    await t.call("POST", `${API_PREFIX}/projects`, {
      body: { apiVersion: v1, kind: "Project", metadata: { name: "doomed" } },
    });
    expect(names((await t.call("GET", ns("doomed", "virtualclusterinstances"))).body)).toEqual([]);
  });

  it("rejects unknown fields naming them (fieldValidation=Strict)", async () => {
    const res = await t.call(
      "POST",
      `${API_PREFIX}/users?fieldManager=kubectl-create&fieldValidation=Strict`,
      {
        body: { apiVersion: v1, kind: "User", metadata: { name: "x" }, spec: { nickname: "x" } },
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.details.causes).toEqual([
      {
        field: "spec.nickname",
        reason: "FieldValueNotSupported",
        message: 'unknown field "spec.nickname"',
      },
    ]);
  });

  it("dryRun=All validates without persisting", async () => {
    const body = { apiVersion: v1, kind: "User", metadata: { name: "dry" } };
    expect((await t.call("POST", `${API_PREFIX}/users?dryRun=All`, { body })).status).toBe(201);
    expect((await t.call("GET", `${API_PREFIX}/users/dry`)).status).toBe(404);
  });
});
