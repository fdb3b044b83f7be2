import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTokenAudit } from "@/lib/local-platform";
import { clockReaches } from "@/tests/support/expiry";
import { createKey, signingKeyOf, tokenRequest } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * A scoped access key can do only what its scope allows, and can issue tokens and keys only within
 * its own scope and lifetime. alice is a member of default and payments, a viewer of platform.
 */
const TOKENS = `${API_PREFIX}/directclusterendpointtokens`;
const KEYS = `${API_PREFIX}/ownedaccesskeys`;
const HOUR = 3600;

let t: TestPlatform;
/** alice, scope loft-cli + project default, ttl 1 hour. */
let scoped: string;
beforeAll(async () => {
  t = await startTestPlatform();
  scoped = await createKey(t, {
    user: "alice",
    ttl: HOUR,
    scope: { roles: [{ role: "loft-cli" }], projects: [{ project: "default" }] },
  });
});
afterAll(() => t.close());

const fields = (body: { details?: { causes?: Array<{ field: string }> } }) =>
  (body.details?.causes ?? []).map((c) => c.field).sort();
const keyBody = (spec: Record<string, unknown>) => ({
  apiVersion: "management.loft.sh/v1",
  kind: "OwnedAccessKey",
  metadata: { generateName: "child-" },
  spec,
});

describe("a scoped key cannot issue beyond its own scope and lifetime", () => {
  const refused = async (
    path: string,
    body: unknown,
    expected: string[],
    message: RegExp,
  ): Promise<void> => {
    const tokensBefore = readTokenAudit(t.dataDir).length;
    const keysBefore = (await t.call("GET", KEYS)).body.items.length;
    const res = await t.call("POST", path, { key: scoped, body });
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body).toMatchObject({ kind: "Status", reason: "Forbidden", code: 403 });
    expect(fields(res.body)).toEqual([...expected].sort());
    for (const cause of res.body.details.causes) {
      expect(cause.reason).toBe("FieldValueForbidden");
      expect(res.body.message).toContain(cause.field);
    }
    expect(res.body.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/eyJ/);
    expect(readTokenAudit(t.dataDir).length).toBe(tokensBefore);
    expect((await t.call("GET", KEYS)).body.items.length).toBe(keysBefore);
  };

  it("a wider scope (another project, all projects, another project's virtual cluster)", async () => {
    await refused(
      TOKENS,
      tokenRequest({
        ttl: 600,
        scope: {
          projects: [{ project: "default" }, { project: "payments" }, { project: "*" }],
          virtualClusters: [{ project: "payments", virtualCluster: "checkout" }],
        },
      }),
      ["spec.scope.projects[1]", "spec.scope.projects[2]", "spec.scope.virtualClusters[0]"],
      /project payments is beyond this access key's scope/,
    );
  });

  it("a role the key does not hold", async () => {
    await refused(
      TOKENS,
      tokenRequest({ ttl: 600, scope: { roles: [{ role: "vcluster" }] } }),
      ["spec.scope.roles[0]"],
      /role vcluster/,
    );
  });

  it("no scope at all (an unrestricted token)", async () => {
    await refused(TOKENS, tokenRequest({ ttl: 600 }), ["spec.scope"], /unrestricted/);
  });

  it("a ttl longer than the key has left", async () => {
    await refused(
      TOKENS,
      tokenRequest({ ttl: 2 * HOUR, scope: { projects: [{ project: "default" }] } }),
      ["spec.ttl"],
      /a token living 7200 seconds would outlive this access key, which expires at/,
    );
  });

  it("the default ttl (1 day) when the key expires sooner", async () => {
    await refused(
      TOKENS,
      tokenRequest({ scope: { projects: [{ project: "default" }] } }),
      ["spec.ttl"],
      /default time to live \(86400 seconds\)/,
    );
  });

  it("wider scope and longer life at once: one 403 naming both", async () => {
    await refused(
      TOKENS,
      tokenRequest({ ttl: 2 * HOUR, scope: { projects: [{ project: "payments" }] } }),
      ["spec.scope.projects[0]", "spec.ttl"],
      /may issue tokens only within its own scope and lifetime/,
    );
  });

  it("a new unscoped key (and one that never expires)", async () => {
    await refused(KEYS, keyBody({}), ["spec.scope", "spec.ttl"], /never expires/);
    await refused(KEYS, keyBody({ ttl: 60 }), ["spec.scope"], /unrestricted/);
  });

  it("a new key with a wider scope or a longer life", async () => {
    await refused(
      KEYS,
      keyBody({
        ttl: 60,
        scope: { roles: [{ role: "loft-cli" }], projects: [{ project: "platform" }] },
      }),
      ["spec.scope.projects[0]"],
      /project platform is beyond/,
    );
    await refused(
      KEYS,
      keyBody({ ttl: 2 * HOUR, scope: { projects: [{ project: "default" }] } }),
      ["spec.ttl"],
      /a key living 7200 seconds/,
    );
  });

  it("a scoped admin key is held to its scope too", async () => {
    const admin = await createKey(t, { scope: { projects: [{ project: "payments" }] } });
    const res = await t.call("POST", TOKENS, {
      key: admin,
      body: tokenRequest({ scope: { projects: [{ project: "default" }] } }),
    });
    expect(res.status).toBe(403);
    expect(fields(res.body)).toEqual(["spec.scope.projects[0]"]);
  });
});

describe("issuing narrower is what a scoped key is for", () => {
  it("issues a token within its scope and lifetime", async () => {
    for (const scope of [
      { projects: [{ project: "default" }] },
      { virtualClusters: [{ project: "default", virtualCluster: "dev-vcluster" }] },
      { roles: [{ role: "loft-cli" }], spaces: [{ project: "default", space: "*" }] },
    ]) {
      const res = await t.call("POST", TOKENS, {
        key: scoped,
        body: tokenRequest({ ttl: 600, scope }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const { payload } = await jwtVerify(res.body.status.token, await signingKeyOf(t.dataDir));
      expect(payload.sub).toBe("alice");
      expect((payload["loft.sh"] as { scope: unknown }).scope).toEqual(scope);
    }
  });

  it("creates a narrower, shorter-lived key, which works within its own scope", async () => {
    const res = await t.call("POST", KEYS, {
      key: scoped,
      body: keyBody({
        ttl: 600,
        scope: { allowLoftCli: true, projects: [{ project: "default" }] },
      }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.spec.user).toBe("alice");
    const child = res.body.spec.key as string;
    expect((await t.call("POST", `${API_PREFIX}/selves`, { key: child, body: {} })).status).toBe(
      201,
    );
  });
});

describe("every other request of a scoped key is decided by its scope", () => {
  const reads = [
    ["POST", "selves"],
    ["GET", "projects"],
    ["GET", "spaceinstances"],
    ["GET", "virtualclusterinstances"],
  ] as const;
  const call = (key: string, method: string, path: string) =>
    t.call(method, `${API_PREFIX}/${path}`, { key, ...(method === "POST" ? { body: {} } : {}) });

  it("without loft-cli: 403 on selves and the project and instance lists, naming the scope's reasons", async () => {
    const key = await createKey(t, {
      user: "alice",
      scope: { projects: [{ project: "default" }] },
    });
    for (const [method, path] of reads) {
      const res = await call(key, method, path);
      expect(res.status, path).toBe(403);
      expect(res.body.reason).toBe("Forbidden");
      expect(res.body.message).toContain("the scope of access key");
      expect(res.body.message).toContain("projects[0] (project default)");
    }
    // An unscoped key of the same user reads them all.
    const plain = await createKey(t, { user: "alice" });
    for (const [method, path] of reads)
      expect((await call(plain, method, path)).status).toBeLessThan(300);
  });

  it("with the loft-cli role or allowLoftCli: the read-only requests the console needs", async () => {
    for (const scope of [{ roles: [{ role: "loft-cli" }] }, { allowLoftCli: true }]) {
      const key = await createKey(t, { user: "alice", scope });
      for (const [method, path] of reads) {
        const res = await call(key, method, path);
        expect(res.status, `${JSON.stringify(scope)} ${path}`).toBeLessThan(300);
      }
      const self = await call(key, "POST", "selves");
      expect(self.body.status.accessKeyScope).toEqual(scope);
      // Read-only: nothing else.
      const create = await t.call("POST", `${API_PREFIX}/namespaces/p-default/spaceinstances`, {
        key,
        body: {
          apiVersion: "management.loft.sh/v1",
          kind: "SpaceInstance",
          metadata: { name: "x" },
        },
      });
      expect(create.status).toBe(403);
      expect(create.body.message).toContain("not create");
      expect((await call(key, "DELETE", "ownedaccesskeys/alice-initial")).status).toBe(403);
    }
  });

  it("a key scoped to project A reads and manages A's instances, never B's (even when its user may)", async () => {
    const key = await createKey(t, {
      user: "alice",
      scope: { projects: [{ project: "default" }] },
    });
    const own = await call(key, "GET", "namespaces/p-default/virtualclusterinstances");
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toContain(
      "dev-vcluster",
    );
    expect((await call(key, "GET", "namespaces/p-default/spaceinstances/dev")).status).toBe(200);
    expect((await call(key, "GET", "projects/default")).status).toBe(200);

    // alice is a member of payments, but the key's scope is not.
    for (const path of [
      "namespaces/p-payments/virtualclusterinstances",
      "namespaces/p-payments/spaceinstances/payments-dev",
      "projects/payments",
    ]) {
      const res = await call(key, "GET", path);
      expect(res.status, path).toBe(403);
      expect(res.body.message).toContain("the request is for project payments");
    }
    const created = await t.call("POST", `${API_PREFIX}/namespaces/p-default/spaceinstances`, {
      key,
      body: {
        apiVersion: "management.loft.sh/v1",
        kind: "SpaceInstance",
        metadata: { name: "a1" },
      },
    });
    expect(created.status).toBe(201);
  });

  it("a scoped admin key cannot do admin things its scope does not name", async () => {
    const key = await createKey(t, { scope: { projects: [{ project: "payments" }] } });
    expect((await call(key, "GET", "users")).status).toBe(403);
    expect((await call(key, "GET", "clusters")).status).toBe(403);
    expect((await call(key, "GET", "projects/payments")).status).toBe(200);
  });
});

describe("expired keys", () => {
  it("work until their ttl has passed, then are 401", async () => {
    // 2 s from a creationTimestamp in whole seconds: at least 1 s left for the first call.
    const created = await t.call("POST", KEYS, {
      body: {
        apiVersion: "management.loft.sh/v1",
        kind: "OwnedAccessKey",
        metadata: { generateName: "short-" },
        spec: { user: "alice", ttl: 2 },
      },
    });
    expect(created.status).toBe(201);
    const key = created.body.spec.key as string;
    const self = () => t.call("POST", `${API_PREFIX}/selves`, { key, body: {} });
    expect((await self()).status).toBe(201);
    await clockReaches(Date.parse(created.body.metadata.creationTimestamp) + 2_000);
    const res = await self();
    expect(res.status).toBe(401);
  });
});
