import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTokenAudit } from "@/lib/local-platform";
import { createKey, tokenRequest } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/** `dryRun=All` validates and authorizes fully and changes nothing, as in Kubernetes. */
const v1 = "management.loft.sh/v1";
const TOKENS = `${API_PREFIX}/directclusterendpointtokens`;

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

const resourceVersion = async () =>
  (await t.call("GET", `${API_PREFIX}/projects?limit=1`)).body.metadata.resourceVersion as string;

describe("dryRun=All", () => {
  it("on a token: 201, the object without status.token, nothing signed or audited", async () => {
    const audited = readTokenAudit(t.dataDir).length;
    const scope = { projects: [{ project: "default" }] };
    const res = await t.call("POST", `${TOKENS}?dryRun=All&fieldManager=kubectl-create`, {
      body: tokenRequest({ ttl: 600, scope }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      apiVersion: v1,
      kind: "DirectClusterEndpointToken",
      spec: { ttl: 600, scope },
    });
    expect(res.body.status).toEqual({});
    expect(JSON.stringify(res.body)).not.toMatch(/eyJ/);
    expect(readTokenAudit(t.dataDir).length).toBe(audited);
    // Without dryRun the same request mints one.
    const real = await t.call("POST", TOKENS, { body: tokenRequest({ ttl: 600, scope }) });
    expect(real.body.status.token).toMatch(/^eyJ/);
    expect(readTokenAudit(t.dataDir).length).toBe(audited + 1);
  });

  it("on a token still validates (422) and authorizes (403)", async () => {
    const invalid = await t.call("POST", `${TOKENS}?dryRun=All`, {
      body: tokenRequest({ ttl: -1 }),
    });
    expect(invalid.status).toBe(422);
    const scoped = await createKey(t, {
      user: "alice",
      scope: { projects: [{ project: "default" }] },
    });
    const beyond = await t.call("POST", `${TOKENS}?dryRun=All`, {
      key: scoped,
      body: tokenRequest({ scope: { projects: [{ project: "payments" }] } }),
    });
    expect(beyond.status).toBe(403);
    expect(beyond.body.details.causes[0].field).toBe("spec.scope.projects[0]");
    const member = await createKey(t, { user: "alice" });
    const notMember = await t.call("POST", `${TOKENS}?dryRun=All`, {
      key: member,
      body: tokenRequest({ scope: { projects: [{ project: "platform-x" }] } }),
    });
    expect(notMember.status).toBe(403);
  });

  it("on an access key: 201 without the secret, nothing stored", async () => {
    const before = await resourceVersion();
    const res = await t.call("POST", `${API_PREFIX}/ownedaccesskeys?dryRun=All`, {
      body: { apiVersion: v1, kind: "OwnedAccessKey", metadata: { name: "dry-key" }, spec: {} },
    });
    expect(res.status).toBe(201);
    expect(res.body.metadata.name).toBe("dry-key");
    expect(res.body.spec.key).toBeUndefined();
    expect((await t.call("GET", `${API_PREFIX}/ownedaccesskeys/dry-key`)).status).toBe(404);
    expect(await resourceVersion()).toBe(before);
  });

  it("on projects, instances, users and clusters: 201, nothing stored; on delete: 200, nothing deleted", async () => {
    const before = await resourceVersion();
    const creates: Array<[string, string]> = [
      ["projects", "Project"],
      ["namespaces/p-default/spaceinstances", "SpaceInstance"],
      ["namespaces/p-default/virtualclusterinstances", "VirtualClusterInstance"],
      ["users", "User"],
      ["clusters", "Cluster"],
    ];
    for (const [path, kind] of creates) {
      const res = await t.call("POST", `${API_PREFIX}/${path}?dryRun=All`, {
        body: { apiVersion: v1, kind, metadata: { name: "dry" } },
      });
      expect(res.status, path).toBe(201);
      expect(res.body.kind).toBe(kind);
      expect((await t.call("GET", `${API_PREFIX}/${path}/dry`)).status, path).toBe(404);
    }
    const del = await t.call("DELETE", `${API_PREFIX}/projects/payments?dryRun=All`);
    expect(del.status).toBe(200);
    expect((await t.call("GET", `${API_PREFIX}/projects/payments`)).status).toBe(200);
    expect(await resourceVersion()).toBe(before);
  });

  it("any other dryRun value is refused as Kubernetes does (422 Invalid on CreateOptions), changing nothing", async () => {
    const audited = readTokenAudit(t.dataDir).length;
    for (const query of ["dryRun=true", "dryRun=", "dryRun=all", "dryRun=All&dryRun=Server"]) {
      const res = await t.call("POST", `${TOKENS}?${query}`, { body: tokenRequest({ ttl: 60 }) });
      expect(res.status, query).toBe(422);
      expect(res.body).toMatchObject({
        kind: "Status",
        reason: "Invalid",
        details: {
          group: "meta.k8s.io",
          kind: "CreateOptions",
          causes: [{ field: "dryRun", reason: "FieldValueNotSupported" }],
        },
      });
      expect(res.body.message).toMatch(
        /^CreateOptions\.meta\.k8s\.io "" is invalid: dryRun: Unsupported value/,
      );
      expect(res.body.message).toContain('supported values: "All"');
    }
    expect(readTokenAudit(t.dataDir).length).toBe(audited);
    const project = await t.call("POST", `${API_PREFIX}/projects?dryRun=yes`, {
      body: { apiVersion: v1, kind: "Project", metadata: { name: "not-made" } },
    });
    expect(project.status).toBe(422);
    expect((await t.call("GET", `${API_PREFIX}/projects/not-made`)).status).toBe(404);
    const del = await t.call("DELETE", `${API_PREFIX}/projects/payments?dryRun=1`);
    expect(del.status).toBe(422);
    expect(del.body.details.kind).toBe("DeleteOptions");
    expect((await t.call("GET", `${API_PREFIX}/projects/payments`)).status).toBe(200);
  });
});
