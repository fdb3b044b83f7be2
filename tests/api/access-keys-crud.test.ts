import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * OwnedAccessKeys as a current platform serves them: create, list, get, update (PUT), patch and
 * delete, each for the key's owner only (admins: every key); only spec.displayName,
 * spec.description and spec.disabled change; the secret is in the create response only.
 */
const v1 = "management.loft.sh/v1";
const KEYS = `${API_PREFIX}/ownedaccesskeys`;
const MERGE = "application/merge-patch+json";
const names = (body: { items: Array<{ metadata: { name: string } }> }) =>
  body.items.map((i) => i.metadata.name);
const fields = (body: { details?: { causes?: Array<{ field: string }> } }) =>
  (body.details?.causes ?? []).map((c) => c.field);

let t: TestPlatform;
let alice: string;
let bob: string;
/** The secret of alice's key `alice-ci`, from its create response. */
let secret: string;
// The create response, kept to PUT it back.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let created: any;

const patch = (name: string, body: unknown, key: string = alice, type = MERGE) =>
  t.call("PATCH", `${KEYS}/${name}`, { key, body, headers: { "content-type": type } });
const put = (name: string, body: unknown, key: string = alice) =>
  t.call("PUT", `${KEYS}/${name}`, { key, body });

beforeAll(async () => {
  t = await startTestPlatform();
  const user = await t.call("POST", `${API_PREFIX}/users`, {
    body: { apiVersion: v1, kind: "User", metadata: { name: "bob" }, spec: {} },
  });
  expect(user.status).toBe(201);
  alice = await createKey(t, { user: "alice" }, { name: "alice-main" });
  bob = await createKey(t, { user: "bob" }, { name: "bob-main" });
  const res = await t.call("POST", KEYS, {
    key: alice,
    body: {
      apiVersion: v1,
      kind: "OwnedAccessKey",
      metadata: { name: "alice-ci", labels: { team: "ci" } },
      spec: {
        displayName: "CI",
        description: "pipelines",
        ttl: 86_400,
        type: "User",
        scope: { projects: [{ project: "default" }] },
      },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  created = res.body;
  secret = res.body.spec.key;
});
afterAll(() => t.close());

describe("create", () => {
  it("returns the secret once, with the owner and the type as sent", () => {
    expect(secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(created.spec).toMatchObject({ user: "alice", type: "User", ttl: 86_400 });
    expect(created.metadata).toMatchObject({ name: "alice-ci", generation: 1 });
  });

  it("takes every documented type; another is 422 naming spec.type; omitted stays absent", async () => {
    for (const type of [
      "",
      "Login",
      "Other",
      "Reset",
      "OIDCRefreshToken",
      "NetworkPeer",
      "Workspace",
    ]) {
      const res = await t.call("POST", `${KEYS}?dryRun=All`, {
        key: alice,
        body: {
          apiVersion: v1,
          kind: "OwnedAccessKey",
          metadata: { name: "typed" },
          spec: { type },
        },
      });
      expect(res.status, type).toBe(201);
      expect(res.body.spec.type).toBe(type);
    }
    const bad = await t.call("POST", KEYS, {
      key: alice,
      body: {
        apiVersion: v1,
        kind: "OwnedAccessKey",
        metadata: { name: "typed" },
        spec: { type: "Admin" },
      },
    });
    expect(bad.status).toBe(422);
    expect(fields(bad.body)).toEqual(["spec.type"]);
    const plain = await t.call("GET", `${KEYS}/alice-main`, { key: alice });
    expect(plain.body.spec.type).toBeUndefined();
  });

  it("a key may be created disabled, and is then refused", async () => {
    const off = await createKey(t, { user: "alice", disabled: true }, { name: "alice-off" });
    expect((await t.call("POST", `${API_PREFIX}/selves`, { key: off, body: {} })).status).toBe(401);
  });
});

describe("reading", () => {
  it("get and list never carry the secret; a user sees only their own keys", async () => {
    const get = await t.call("GET", `${KEYS}/alice-ci`, { key: alice });
    expect(get.status).toBe(200);
    expect(get.body.spec.key).toBeUndefined();
    expect(get.body.spec).toMatchObject({
      displayName: "CI",
      scope: { projects: [{ project: "default" }] },
    });
    const list = await t.call("GET", KEYS, { key: alice });
    expect(list.status).toBe(200);
    expect(names(list.body)).toEqual(["alice-ci", "alice-initial", "alice-main", "alice-off"]);
    const admin = await t.call("GET", KEYS);
    expect(names(admin.body)).toEqual(expect.arrayContaining(["alice-ci", "bob-main"]));
    for (const body of [get.body, list.body, admin.body]) {
      expect(JSON.stringify(body)).not.toContain(secret);
      expect(JSON.stringify(body)).not.toContain(alice);
    }
    expect(names((await t.call("GET", KEYS, { key: bob })).body)).toEqual(["bob-main"]);
  });

  it("another user's key is 404 for every verb; an admin reaches it", async () => {
    expect((await t.call("GET", `${KEYS}/alice-ci`, { key: bob })).status).toBe(404);
    expect((await patch("alice-ci", { spec: { displayName: "x" } }, bob)).status).toBe(404);
    const whole = { ...created, spec: { ...created.spec, key: undefined, displayName: "x" } };
    expect((await put("alice-ci", whole, bob)).status).toBe(404);
    expect((await t.call("DELETE", `${KEYS}/alice-ci`, { key: bob })).status).toBe(404);
    expect((await t.call("GET", `${KEYS}/alice-ci`)).status).toBe(200);
    expect((await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body.spec.displayName).toBe(
      "CI",
    );
  });

  it("discovery and OpenAPI list update and patch", async () => {
    const list = await t.call("GET", `${API_PREFIX}`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const keys = list.body.resources.find((r: any) => r.name === "ownedaccesskeys");
    expect(keys.verbs).toEqual(["create", "delete", "get", "list", "patch", "update"]);
  });
});

describe("patch and update", () => {
  it("a merge patch changes displayName, description and disabled; the secret stays hidden", async () => {
    const before = (await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body;
    const res = await patch("alice-ci", {
      spec: { displayName: "CI pipelines", description: null, disabled: false },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.spec.displayName).toBe("CI pipelines");
    expect(res.body.spec.description).toBeUndefined();
    expect(res.body.spec.disabled).toBe(false);
    expect(res.body.spec.key).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(res.body.metadata.generation).toBe(before.metadata.generation + 1);
    expect(res.body.metadata.resourceVersion).not.toBe(before.metadata.resourceVersion);
    // Nothing else moved.
    expect(res.body.spec).toMatchObject({ user: "alice", ttl: 86_400, type: "User" });
    expect((await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body).toEqual(res.body);
  });

  it("a strategic merge patch is the same; JSON patch is 415", async () => {
    const res = await patch(
      "alice-ci",
      { spec: { description: "again" } },
      alice,
      "application/strategic-merge-patch+json",
    );
    expect(res.status).toBe(200);
    expect(res.body.spec.description).toBe("again");
    const json = await patch(
      "alice-ci",
      [{ op: "replace", path: "/spec/description", value: "x" }],
      alice,
      "application/json-patch+json",
    );
    expect(json.status).toBe(415);
  });

  it("PUT takes the whole key as GET returns it; a label change bumps only the resourceVersion", async () => {
    const current = (await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body;
    const res = await put("alice-ci", {
      ...current,
      metadata: { ...current.metadata, labels: { team: "ci", tier: "prod" } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.metadata.labels).toEqual({ team: "ci", tier: "prod" });
    expect(res.body.metadata.generation).toBe(current.metadata.generation);
    expect(res.body.metadata.resourceVersion).not.toBe(current.metadata.resourceVersion);
    const listed = await t.call("GET", `${KEYS}?labelSelector=tier%3Dprod`, { key: alice });
    expect(names(listed.body)).toEqual(["alice-ci"]);
  });

  it("a change that changes nothing writes nothing", async () => {
    const current = (await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body;
    const res = await patch("alice-ci", { spec: { displayName: current.spec.displayName } });
    expect(res.status).toBe(200);
    expect(res.body.metadata.resourceVersion).toBe(current.metadata.resourceVersion);
  });

  it("PUT of the create response (with its own secret) is accepted and never echoes it", async () => {
    const current = (await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body;
    const res = await put("alice-ci", {
      ...current,
      spec: { ...current.spec, key: secret, displayName: "from create" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.spec.displayName).toBe("from create");
    expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it("a stale resourceVersion is 409 Conflict on PUT and PATCH; a wrong name 400", async () => {
    const current = (await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body;
    const stale = { ...current.metadata, resourceVersion: "1" };
    const viaPut = await put("alice-ci", { ...current, metadata: stale });
    expect(viaPut.status).toBe(409);
    expect(viaPut.body).toMatchObject({ reason: "Conflict", code: 409 });
    expect(viaPut.body.message).toContain("the object has been modified");
    const viaPatch = await patch("alice-ci", {
      metadata: { resourceVersion: "1" },
      spec: { displayName: "x" },
    });
    expect(viaPatch.status).toBe(409);
    const renamed = await put("alice-ci", {
      ...current,
      metadata: { ...current.metadata, name: "other" },
    });
    expect(renamed.status).toBe(400);
  });

  it("owner, ttl, ttlAfterLastActivity, scope and type are immutable: 422 naming the field", async () => {
    const changes: Array<[string, Record<string, unknown>]> = [
      ["spec.ttl", { ttl: 60 }],
      ["spec.ttl", { ttl: null }],
      ["spec.ttlAfterLastActivity", { ttlAfterLastActivity: true }],
      ["spec.scope", { scope: { projects: [{ project: "*" }] } }],
      ["spec.scope", { scope: null }],
      ["spec.type", { type: "Other" }],
      ["spec.user", { user: "bob" }],
      ["spec.user", { user: null, team: "ops" }],
    ];
    for (const [field, spec] of changes) {
      const res = await patch("alice-ci", { spec: { displayName: "changed", ...spec } });
      expect(res.status, `${field} ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body).toMatchObject({ kind: "Status", reason: "Invalid", code: 422 });
      expect(res.body.details).toMatchObject({ kind: "OwnedAccessKey", name: "alice-ci" });
      expect(fields(res.body)).toContain(field);
      expect(res.body.message).toContain(`${field}: Invalid value`);
      expect(res.body.message).toContain("field is immutable");
    }
    // PUT without the scope drops it: a change too.
    const current = (await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body;
    const dropped = await put("alice-ci", {
      ...current,
      spec: { ...current.spec, scope: undefined },
    });
    expect(dropped.status).toBe(422);
    expect(fields(dropped.body)).toEqual(["spec.scope"]);
    // Nothing was written.
    expect((await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body).toEqual(current);
  });

  it("another secret is refused by name and never echoed; an unknown field is 422", async () => {
    const current = (await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body;
    const guess = "a-secret-of-my-own-choosing-0123456789";
    const res = await put("alice-ci", { ...current, spec: { ...current.spec, key: guess } });
    expect(res.status).toBe(422);
    expect(res.body.details.causes).toEqual([
      expect.objectContaining({ field: "spec.key", reason: "FieldValueForbidden" }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(guess);
    const unknown = await patch("alice-ci", { spec: { subjectOf: "x" } });
    expect(unknown.status).toBe(422);
    expect(fields(unknown.body)).toEqual(["spec.subjectOf"]);
  });

  it("an admin may change anyone's key; dryRun stores nothing", async () => {
    const res = await patch("alice-ci", { spec: { description: "by admin" } }, t.adminKey);
    expect(res.status).toBe(200);
    const before = (await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body;
    expect(before.spec.description).toBe("by admin");
    const dry = await t.call("PATCH", `${KEYS}/alice-ci?dryRun=All`, {
      key: alice,
      body: { spec: { description: "dry" } },
      headers: { "content-type": MERGE },
    });
    expect(dry.status).toBe(200);
    expect(dry.body.spec.description).toBe("dry");
    expect(dry.body.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect((await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).body).toEqual(before);
  });
});

describe("delete", () => {
  it("the owner deletes the key; it is gone and its secret is 401", async () => {
    const res = await t.call("DELETE", `${KEYS}/alice-ci`, { key: alice });
    expect(res.status).toBe(200);
    expect(res.body.spec.key).toBeUndefined();
    expect((await t.call("GET", `${KEYS}/alice-ci`, { key: alice })).status).toBe(404);
    expect((await t.call("POST", `${API_PREFIX}/selves`, { key: secret, body: {} })).status).toBe(
      401,
    );
  });
});

describe("LOCAL_PLATFORM_ADMIN_KEY", () => {
  it("is an admin key again on the next start after it was disabled through the API", async () => {
    const own = await startTestPlatform();
    const dataDir = own.dataDir;
    let again: TestPlatform | undefined;
    let ownOpen = true;
    try {
      const off = await own.call("PATCH", `${KEYS}/admin-environment`, {
        body: { spec: { disabled: true } },
        headers: { "content-type": MERGE },
      });
      expect(off.status).toBe(200);
      expect((await own.call("GET", KEYS)).status).toBe(401);
      await own.close({ keepData: true });
      ownOpen = false;
      again = await startTestPlatform({ dataDir, adminKey: own.adminKey });
      expect((await again.call("GET", KEYS)).status).toBe(200);
      const key = await again.call("GET", `${KEYS}/admin-environment`);
      expect(key.body.spec.disabled).toBeUndefined();
    } finally {
      if (ownOpen) await own.close({ keepData: true });
      await again?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
