import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "@/tests/support/platform";

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

const BASE = "/kubernetes/management";

describe("discovery and OpenAPI for kubectl", () => {
  it("serves /version, /api, /api/v1, /apis and the group's APIResourceList", async () => {
    expect((await t.call("GET", `${BASE}/version`, { key: null })).body).toMatchObject({
      major: "1",
    });
    expect((await t.call("GET", `${BASE}/api`)).body).toMatchObject({
      kind: "APIVersions",
      versions: ["v1"],
    });
    expect((await t.call("GET", `${BASE}/api/v1`)).body).toMatchObject({
      kind: "APIResourceList",
      resources: [],
    });
    const groups = await t.call("GET", `${BASE}/apis`);
    expect(groups.body.groups[0]).toMatchObject({
      name: "management.loft.sh",
      preferredVersion: { groupVersion: "management.loft.sh/v1", version: "v1" },
    });
    const list = await t.call("GET", `${BASE}/apis/management.loft.sh/v1`);
    expect(list.body).toMatchObject({
      kind: "APIResourceList",
      groupVersion: "management.loft.sh/v1",
    });
    const byName = Object.fromEntries(
      list.body.resources.map((r: { name: string }) => [r.name, r]),
    );
    expect(byName.projects).toMatchObject({
      kind: "Project",
      namespaced: false,
      verbs: ["create", "delete", "get", "list"],
    });
    expect(byName.virtualclusterinstances).toMatchObject({
      kind: "VirtualClusterInstance",
      namespaced: true,
    });
    expect(byName.spaceinstances).toMatchObject({ kind: "SpaceInstance", namespaced: true });
    expect(byName.directclusterendpointtokens).toMatchObject({
      kind: "DirectClusterEndpointToken",
      verbs: ["create"],
    });
    expect(byName.selves).toMatchObject({ kind: "Self", verbs: ["create"] });
    expect(byName.clusters).toMatchObject({
      kind: "Cluster",
      namespaced: false,
      verbs: ["create", "delete", "get", "list"],
    });
    expect(byName["clusters/agentconfig"]).toMatchObject({
      kind: "ClusterAgentConfig",
      verbs: ["get"],
    });
    expect(byName["projects/clusters"]).toMatchObject({ kind: "ProjectClusters", verbs: ["get"] });
  });

  it("answers /openapi/v2 with an (empty) protobuf document and the exact content type", async () => {
    const res = await t.call("GET", `${BASE}/openapi/v2`, {
      headers: { accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(
      "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
    );
  });

  it("names the group's OpenAPI v3 document, whose schemas carry x-kubernetes-group-version-kind", async () => {
    const root = await t.call("GET", `${BASE}/openapi/v3`);
    const entry = root.body.paths["apis/management.loft.sh/v1"];
    expect(entry.serverRelativeURL).toMatch(
      /^\/kubernetes\/management\/openapi\/v3\/apis\/management\.loft\.sh\/v1\?hash=/,
    );
    const doc = await t.call("GET", entry.serverRelativeURL);
    expect(doc.status).toBe(200);
    const schemas = Object.values(doc.body.components.schemas) as Array<Record<string, unknown>>;
    const kinds = schemas.flatMap((s) =>
      (s["x-kubernetes-group-version-kind"] as Array<{ kind: string }>).map((g) => g.kind),
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        "Project",
        "Cluster",
        "VirtualClusterInstance",
        "DirectClusterEndpointToken",
      ]),
    );
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        "/apis/management.loft.sh/v1/clusters",
        "/apis/management.loft.sh/v1/clusters/{name}/agentconfig",
      ]),
    );
    const token = schemas.find((s) =>
      JSON.stringify(s["x-kubernetes-group-version-kind"]).includes("DirectClusterEndpointToken"),
    );
    expect(JSON.stringify(token)).toContain("virtualClusters");
  });

  it("answers only under /kubernetes/management, like a real platform (no /.well-known at the root)", async () => {
    expect(t.platform.matches("/.well-known/openid-configuration")).toBe(false);
    expect(t.platform.matches("/kubernetes/management/.well-known/openid-configuration")).toBe(
      true,
    );
    expect(t.platform.matches("/kubernetes/management/apis?x=1")).toBe(true);
    expect(t.platform.matches("/kubernetes/managementx")).toBe(false);
    expect(t.platform.matches("/tokens/new")).toBe(false);
  });
});
