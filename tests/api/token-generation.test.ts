import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { SignJWT, decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDirect, direct, issueToken } from "@/tests/support/direct";
import { createKey } from "@/tests/support/keys";
import { requireKubectl, runKubectl } from "@/tests/support/kubectl";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";
import { expectStatus } from "@/tests/support/status";

/**
 * Revoking a user's tokens the way the real API does: `User.spec.tokenGeneration` (absent = 0),
 * carried by tokens as `loft.sh.gen` (omitted when 0), raised with `PATCH` (merge patch) or `PUT`
 * on `users/<name>`. A non-admin may only raise their own; an admin may change any user's spec.
 * alice is a member of project default, so her tokens reach its virtual cluster dev-vcluster.
 */
const USERS = `${API_PREFIX}/users`;
const VC = "/kubernetes/project/default/virtualcluster/dev-vcluster";
const MERGE = "application/merge-patch+json";
const v1 = "management.loft.sh/v1";

let t: TestPlatform;
let alice: string;
beforeAll(async () => {
  t = await startTestPlatform();
  alice = await createKey(t, { user: "alice" });
});
afterAll(async () => {
  closeDirect(t);
  await t.close();
});

const patch = (
  name: string,
  body: unknown,
  options: { key?: string; type?: string; query?: string } = {},
) =>
  t.call("PATCH", `${USERS}/${name}${options.query ? `?${options.query}` : ""}`, {
    key: options.key,
    body,
    headers: { "content-type": options.type ?? MERGE },
  });

const put = (name: string, body: unknown, options: { key?: string; query?: string } = {}) =>
  t.call("PUT", `${USERS}/${name}${options.query ? `?${options.query}` : ""}`, {
    key: options.key,
    body,
  });

/** The stored user, as the admin reads it. */
async function userOf(name: string) {
  const res = await t.call("GET", `${USERS}/${name}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** A new non-admin user and an access key of theirs. */
async function newUser(name: string, spec: Record<string, unknown> = {}): Promise<string> {
  const res = await t.call("POST", USERS, {
    body: {
      apiVersion: v1,
      kind: "User",
      metadata: { name },
      spec: { displayName: name, ...spec },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return createKey(t, { user: name });
}

const causeFields = (body: { details?: { causes?: Array<{ field: string }> } }) =>
  (body.details?.causes ?? []).map((c) => c.field).sort();
const loftClaim = (token: string) => decodeJwt(token)["loft.sh"] as Record<string, unknown>;

describe("raising spec.tokenGeneration revokes a user's tokens", () => {
  it("a token issued before alice raises hers is 401 afterwards; one issued after is accepted and carries the new gen", async () => {
    const before = await issueToken(t, {}, alice);
    expect(loftClaim(before)).not.toHaveProperty("gen");
    expect((await direct(t, before, "GET", `${VC}/api/v1/namespaces`)).status).toBe(200);
    const adminToken = await issueToken(t);

    const own = await t.call("GET", `${USERS}/alice`, { key: alice });
    expect(own.status).toBe(200);
    expect(own.body.spec.tokenGeneration).toBeUndefined();
    const raised = await patch(
      "alice",
      {
        metadata: { resourceVersion: own.body.metadata.resourceVersion },
        spec: { tokenGeneration: 1 },
      },
      { key: alice },
    );
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(raised.body).toMatchObject({
      apiVersion: v1,
      kind: "User",
      metadata: {
        name: "alice",
        uid: own.body.metadata.uid,
        generation: own.body.metadata.generation + 1,
      },
      spec: { ...own.body.spec, tokenGeneration: 1 },
    });
    expect(Number(raised.body.metadata.resourceVersion)).toBeGreaterThan(
      Number(own.body.metadata.resourceVersion),
    );
    expect(await userOf("alice")).toEqual(raised.body);

    const refused = await direct(t, before, "GET", `${VC}/api/v1/namespaces`);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });

    const after = await issueToken(t, {}, alice);
    expect(loftClaim(after).gen).toBe(1);
    expect((await direct(t, after, "GET", `${VC}/api/v1/namespaces`)).status).toBe(200);

    // Only alice's tokens: the admin's still work, and so does alice's access key.
    expect((await direct(t, adminToken, "GET", `${VC}/version`)).status).toBe(200);
    expect((await t.call("GET", `${USERS}/alice`, { key: alice })).status).toBe(200);

    // Raised again (PUT this time): the gen-1 token goes too.
    const current = await userOf("alice");
    const again = await put(
      "alice",
      { ...current, spec: { ...current.spec, tokenGeneration: 2 } },
      { key: alice },
    );
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await direct(t, after, "GET", `${VC}/version`)).status).toBe(401);
    const third = await issueToken(t, {}, alice);
    expect(loftClaim(third).gen).toBe(2);
    expect((await direct(t, third, "GET", `${VC}/version`)).status).toBe(200);
  });

  it("metadata.generation is not the token generation: an admin's spec change does not revoke", async () => {
    const token = await issueToken(t, {}, alice);
    const before = await userOf("alice");
    const res = await patch("alice", { spec: { displayName: "Alice (renamed)" } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.metadata.generation).toBe(before.metadata.generation + 1);
    expect(res.body.spec.tokenGeneration).toBe(before.spec.tokenGeneration);
    expect((await direct(t, token, "GET", `${VC}/version`)).status).toBe(200);
  });
});

describe("who may change a user", () => {
  it("a user cannot raise another user's token generation (403), by PATCH or PUT", async () => {
    const bob = await newUser("bob");
    const target = await userOf("alice");
    const patched = await patch("alice", { spec: { tokenGeneration: 99 } }, { key: bob });
    expectStatus(patched, 403, "Forbidden");
    expect(patched.body.message).toBe(
      'users.management.loft.sh "alice" is forbidden: User "bob" cannot patch resource "users" in API group "management.loft.sh" at the cluster scope',
    );
    expect(patched.body.details).toMatchObject({ name: "alice", kind: "users" });
    const replaced = await put(
      "alice",
      { ...target, spec: { ...target.spec, tokenGeneration: 99 } },
      { key: bob },
    );
    expectStatus(replaced, 403, "Forbidden");
    expect(replaced.body.message).toContain('User "bob" cannot update resource "users"');
    // Also when the user does not exist: nothing is learnt about other users.
    expectStatus(await patch("nobody", { spec: {} }, { key: bob }), 403, "Forbidden");
    expect(await userOf("alice")).toEqual(target);
  });

  it("a user cannot lower their own token generation, nor remove it (422 on spec.tokenGeneration)", async () => {
    const carol = await newUser("carol");
    expect((await patch("carol", { spec: { tokenGeneration: 3 } })).status).toBe(200);
    const stored = await userOf("carol");
    for (const [what, res] of [
      ["patch to 2", await patch("carol", { spec: { tokenGeneration: 2 } }, { key: carol })],
      ["patch to null", await patch("carol", { spec: { tokenGeneration: null } }, { key: carol })],
      [
        "put to 0",
        await put(
          "carol",
          { ...stored, spec: { ...stored.spec, tokenGeneration: 0 } },
          { key: carol },
        ),
      ],
    ] as const) {
      expectStatus(res, 422, "Invalid");
      expect(res.body.details, what).toMatchObject({
        name: "carol",
        group: "management.loft.sh",
        kind: "User",
        causes: [{ field: "spec.tokenGeneration", reason: "FieldValueInvalid" }],
      });
      expect(res.body.message).toMatch(
        /^users\.management\.loft\.sh "carol" is invalid: spec\.tokenGeneration: Invalid value: [02]: may not be lowered \(it is 3\)/,
      );
    }
    // An admin may not lower it either: that would make revoked tokens valid again.
    const byAdmin = await patch("carol", { spec: { tokenGeneration: 1 } });
    expectStatus(byAdmin, 422, "Invalid");
    expect(await userOf("carol")).toEqual(stored);
  });

  it("a user cannot change anything else of their own user (403 naming the fields), not even with a raise", async () => {
    const dave = await newUser("dave");
    const stored = await userOf("dave");
    const cases: Array<[unknown, string[]]> = [
      [{ spec: { displayName: "Dave the admin" } }, ["spec.displayName"]],
      [{ spec: { clusterRoles: [{ name: "loft-management-admin" }] } }, ["spec.clusterRoles"]],
      [{ metadata: { labels: { team: "x" } } }, ["metadata.labels"]],
      [
        { spec: { tokenGeneration: 1, email: "dave@example.com", username: null } },
        ["spec.email", "spec.username"],
      ],
    ];
    for (const [body, fields] of cases) {
      const res = await patch("dave", body, { key: dave });
      expectStatus(res, 403, "Forbidden");
      expect(causeFields(res.body), JSON.stringify(body)).toEqual(fields);
      for (const cause of res.body.details.causes) expect(cause.reason).toBe("FieldValueForbidden");
      expect(res.body.message).toContain(
        `users.management.loft.sh "dave" is forbidden: User "dave" may change only spec.tokenGeneration of their own user (to raise it by exactly one); this request also changes ${fields.join(", ")}`,
      );
    }
    // PUT without a field the user has is a change too.
    const { displayName: _dropped, ...rest } = stored.spec;
    const res = await put(
      "dave",
      { ...stored, spec: { ...rest, tokenGeneration: 1 } },
      { key: dave },
    );
    expectStatus(res, 403, "Forbidden");
    expect(causeFields(res.body)).toEqual(["spec.displayName"]);
    expect(await userOf("dave")).toEqual(stored);
    // And a request that changes nothing is 200 and writes nothing.
    const same = await patch("dave", { spec: { displayName: "dave" } }, { key: dave });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(stored);
  });

  it("an admin can change any user's spec, labels and token generation", async () => {
    await newUser("erin");
    const before = await userOf("erin");
    const res = await patch("erin", {
      metadata: { labels: { team: "payments" } },
      spec: { displayName: "Erin E.", email: "erin@example.com", tokenGeneration: 5 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.spec).toEqual({
      ...before.spec,
      displayName: "Erin E.",
      email: "erin@example.com",
      tokenGeneration: 5,
    });
    expect(res.body.metadata.labels).toEqual({ team: "payments" });
    expect(res.body.metadata.generation).toBe(before.metadata.generation + 1);
    // Labels and search follow the change.
    const byLabel = await t.call("GET", `${USERS}?labelSelector=team%3Dpayments`);
    expect(byLabel.body.items.map((u: { metadata: { name: string } }) => u.metadata.name)).toEqual([
      "erin",
    ]);
    const bySearch = await t.call("GET", `${USERS}?search=Erin%20E.`);
    expect(bySearch.body.items).toHaveLength(1);

    // A label-only change bumps resourceVersion, not generation.
    const relabelled = await patch("erin", { metadata: { labels: { team: null } } });
    expect(relabelled.status).toBe(200);
    expect(relabelled.body.metadata.labels).toBeUndefined();
    expect(relabelled.body.metadata.generation).toBe(res.body.metadata.generation);
    expect(Number(relabelled.body.metadata.resourceVersion)).toBeGreaterThan(
      Number(res.body.metadata.resourceVersion),
    );
    expect((await t.call("GET", `${USERS}?labelSelector=team`)).body.items).toEqual([]);

    // Erin's token issued at gen 5 works; the admin raising erin's generation revokes it.
    const erinToken = await issueToken(t, {}, await createKey(t, { user: "erin" }));
    expect(loftClaim(erinToken).gen).toBe(5);
    const raised = await put("erin", {
      ...relabelled.body,
      spec: { ...relabelled.body.spec, tokenGeneration: 6 },
    });
    expect(raised.status).toBe(200);
    // erin is in no project: before, her token was authenticated (403); now it is not (401).
    expect((await direct(t, erinToken, "GET", `${VC}/version`)).status).toBe(401);
  });
});

describe("a user raises their own spec.tokenGeneration by exactly one; an admin sets any value", () => {
  const MAX = Number.MAX_SAFE_INTEGER;
  const byOne = (from: number) =>
    `a user may raise their own spec.tokenGeneration by exactly one (from ${from} to ${from + 1}); only an admin may set another value`;

  it("a stolen key cannot pin its owner's generation at 2^53 − 1 (403, unchanged); a raise by one still works", async () => {
    const kim = await newUser("kim");
    const stored = await userOf("kim");
    const pinned = await patch("kim", { spec: { tokenGeneration: MAX } }, { key: kim });
    expectStatus(pinned, 403, "Forbidden");
    expect(pinned.body.message).toBe(
      `users.management.loft.sh "kim" is forbidden: User "kim" may not set spec.tokenGeneration to ${MAX}: ${byOne(0)}`,
    );
    expect(pinned.body.details).toMatchObject({
      name: "kim",
      causes: [
        {
          field: "spec.tokenGeneration",
          reason: "FieldValueForbidden",
          message: `Forbidden: may not be set to ${MAX}: ${byOne(0)}`,
        },
      ],
    });
    const pinnedByPut = await put(
      "kim",
      { ...stored, spec: { ...stored.spec, tokenGeneration: MAX } },
      { key: kim },
    );
    expectStatus(pinnedByPut, 403, "Forbidden");
    expect(await userOf("kim")).toEqual(stored);

    // Revoking still works: the next raise is by one, as the console's "Revoke all" sends it.
    const raised = await patch("kim", { spec: { tokenGeneration: 1 } }, { key: kim });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(raised.body.spec.tokenGeneration).toBe(1);
  });

  it("a user's own raise by two is 403 and a lowering 422, by PATCH or PUT; nothing changes", async () => {
    const lee = await newUser("lee");
    expect((await patch("lee", { spec: { tokenGeneration: 1 } }, { key: lee })).status).toBe(200);
    const stored = await userOf("lee");
    for (const res of [
      await patch("lee", { spec: { tokenGeneration: 3 } }, { key: lee }),
      await put("lee", { ...stored, spec: { ...stored.spec, tokenGeneration: 3 } }, { key: lee }),
    ]) {
      expectStatus(res, 403, "Forbidden");
      expect(res.body.message).toContain(byOne(1));
      expect(causeFields(res.body)).toEqual(["spec.tokenGeneration"]);
    }
    for (const res of [
      await patch("lee", { spec: { tokenGeneration: 0 } }, { key: lee }),
      await put("lee", { ...stored, spec: { ...stored.spec, tokenGeneration: 0 } }, { key: lee }),
    ]) {
      expectStatus(res, 422, "Invalid");
      expect(res.body.message).toContain("may not be lowered (it is 1)");
    }
    // Sending the current value changes nothing and is allowed.
    const same = await patch("lee", { spec: { tokenGeneration: 1 } }, { key: lee });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(stored);
    expect(await userOf("lee")).toEqual(stored);
  });

  it("an admin may set any whole number up to 2^53 − 1; above it (int64's range too) is 422", async () => {
    await newUser("mia");
    const jump = await patch("mia", { spec: { tokenGeneration: 1000 } });
    expect(jump.status, JSON.stringify(jump.body)).toBe(200);
    expect(jump.body.spec.tokenGeneration).toBe(1000);
    const top = await patch("mia", { spec: { tokenGeneration: MAX } });
    expect(top.status, JSON.stringify(top.body)).toBe(200);
    const stored = await userOf("mia");
    expect(stored.spec.tokenGeneration).toBe(MAX);

    // 2^53, int64's largest (2^63 − 1), beyond int64, beyond any number: raw JSON, as written.
    const tooLarge =
      "Invalid value: must be at most 9007199254740991 (2^53 − 1, the largest whole number a JSON number holds exactly)";
    for (const [digits, message] of [
      ["9007199254740992", tooLarge],
      ["9223372036854775807", tooLarge],
      ["9223372036854775808", tooLarge],
      ["1e400", "Invalid value: must be a whole number"],
    ]) {
      const res = await t.call("PATCH", `${USERS}/mia`, {
        raw: `{"spec":{"tokenGeneration":${digits}}}`,
        headers: { "content-type": MERGE },
      });
      expectStatus(res, 422, "Invalid");
      expect(res.body.details.causes, digits).toEqual([
        { field: "spec.tokenGeneration", reason: "FieldValueInvalid", message },
      ]);
    }
    expect(await userOf("mia")).toEqual(stored);
  });
});

describe("PATCH and PUT the Kubernetes way", () => {
  it("PUT replaces the user; a stale metadata.resourceVersion is 409 Conflict, as is a stale PATCH", async () => {
    await newUser("frank");
    const first = await userOf("frank");
    const ok = await put("frank", { ...first, spec: { ...first.spec, tokenGeneration: 1 } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.spec.tokenGeneration).toBe(1);

    const stale = await put("frank", { ...first, spec: { ...first.spec, tokenGeneration: 2 } });
    expectStatus(stale, 409, "Conflict");
    expect(stale.body.message).toBe(
      'Operation cannot be fulfilled on users.management.loft.sh "frank": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(stale.body.details).toMatchObject({
      name: "frank",
      group: "management.loft.sh",
      kind: "users",
    });
    const stalePatch = await patch("frank", {
      metadata: { resourceVersion: first.metadata.resourceVersion },
      spec: { tokenGeneration: 2 },
    });
    expectStatus(stalePatch, 409, "Conflict");
    expect((await userOf("frank")).spec.tokenGeneration).toBe(1);

    // No resourceVersion: unconditional, as Kubernetes allows for most resources.
    const { resourceVersion: _rv, ...withoutVersion } = ok.body.metadata;
    const unconditional = await put("frank", {
      ...ok.body,
      metadata: withoutVersion,
      spec: { ...ok.body.spec, tokenGeneration: 2 },
    });
    expect(unconditional.status).toBe(200);

    const current = await userOf("frank");
    const otherUid = await put("frank", {
      ...current,
      metadata: { ...current.metadata, uid: crypto.randomUUID() },
    });
    expectStatus(otherUid, 409, "Conflict");
    expect(otherUid.body.message).toContain("Precondition failed: UID in precondition");
    expectStatus(
      await put("frank", { ...current, metadata: { ...current.metadata, name: "george" } }),
      400,
      "BadRequest",
    );
    expectStatus(await put("frank", { ...current, kind: "Project" }), 400, "BadRequest");
    const unknownField = await put("frank", {
      ...current,
      spec: { ...current.spec, tokenGeneraton: 3 },
    });
    expectStatus(unknownField, 422, "Invalid");
    expect(causeFields(unknownField.body)).toEqual(["spec.tokenGeneraton"]);
    const notANumber = await patch("frank", { spec: { tokenGeneration: "3" } });
    expectStatus(notANumber, 422, "Invalid");
    expect(causeFields(notANumber.body)).toEqual(["spec.tokenGeneration"]);
    expectStatus(await patch("frank", { spec: { tokenGeneration: 2.5 } }), 422, "Invalid");
    expectStatus(
      await put("nobody", { ...current, metadata: { name: "nobody" } }),
      404,
      "NotFound",
    );
    expectStatus(await patch("nobody", { spec: {} }), 404, "NotFound");
    expect(await userOf("frank")).toEqual(current);
  });

  it("merge patch and strategic merge patch both apply; JSON patch and plain JSON are 415", async () => {
    await newUser("grace");
    const merge = await patch("grace", { spec: { tokenGeneration: 1 } });
    expect(merge.status).toBe(200);
    const strategic = await patch(
      "grace",
      { spec: { tokenGeneration: 2 } },
      { type: "application/strategic-merge-patch+json" },
    );
    expect(strategic.status, JSON.stringify(strategic.body)).toBe(200);
    expect(strategic.body.spec.tokenGeneration).toBe(2);
    for (const type of [
      "application/json-patch+json",
      "application/json",
      "application/apply-patch+yaml",
    ]) {
      const res = await patch(
        "grace",
        type === "application/json-patch+json"
          ? [{ op: "replace", path: "/spec/tokenGeneration", value: 3 }]
          : { spec: { tokenGeneration: 3 } },
        { type },
      );
      expectStatus(res, 415, "UnsupportedMediaType");
      expect(res.body.message).toContain(
        "accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json",
      );
    }
    expectStatus(await patch("grace", [1]), 400, "BadRequest");
    expect((await userOf("grace")).spec.tokenGeneration).toBe(2);
  });

  it("dryRun=All on PATCH and PUT validates and writes nothing; other dryRun values are 422", async () => {
    const heidi = await newUser("heidi");
    const token = await issueToken(t, {}, heidi);
    const stored = await userOf("heidi");
    const dryPatch = await patch(
      "heidi",
      { spec: { tokenGeneration: 1 } },
      { key: heidi, query: "dryRun=All" },
    );
    expect(dryPatch.status, JSON.stringify(dryPatch.body)).toBe(200);
    expect(dryPatch.body.spec.tokenGeneration).toBe(1);
    expect(dryPatch.body.metadata.resourceVersion).toBe(stored.metadata.resourceVersion);
    const dryPut = await put(
      "heidi",
      { ...stored, spec: { ...stored.spec, tokenGeneration: 1 } },
      { key: heidi, query: "dryRun=All" },
    );
    expect(dryPut.status).toBe(200);
    expect(dryPut.body.spec.tokenGeneration).toBe(1);
    expect(await userOf("heidi")).toEqual(stored);
    // heidi is in no project: authenticated (403), not revoked (401).
    expect((await direct(t, token, "GET", `${VC}/version`)).status).toBe(403);

    // A dry run is authorized and validated in full.
    expectStatus(
      await patch("heidi", { spec: { displayName: "x" } }, { key: heidi, query: "dryRun=All" }),
      403,
      "Forbidden",
    );
    expectStatus(
      await patch("heidi", { spec: { tokenGeneration: 4 } }, { key: heidi, query: "dryRun=All" }),
      403,
      "Forbidden",
    );
    expectStatus(
      await patch("alice", { spec: {} }, { key: heidi, query: "dryRun=All" }),
      403,
      "Forbidden",
    );

    for (const [method, options] of [
      ["PATCH", "PatchOptions"],
      ["PUT", "UpdateOptions"],
    ] as const) {
      const res =
        method === "PATCH"
          ? await patch("heidi", { spec: { tokenGeneration: 4 } }, { query: "dryRun=true" })
          : await put("heidi", stored, { query: "dryRun=true" });
      expectStatus(res, 422, "Invalid");
      expect(res.body.details).toMatchObject({
        group: "meta.k8s.io",
        kind: options,
        causes: [{ field: "dryRun", reason: "FieldValueNotSupported" }],
      });
    }
    expect(await userOf("heidi")).toEqual(stored);
  });

  it("a scoped key may change its user only when its scope allows patch/update on users", async () => {
    const ivan = await newUser("ivan");
    void ivan;
    const cli = await createKey(t, { user: "ivan", scope: { roles: [{ role: "loft-cli" }] } });
    const refused = await patch("ivan", { spec: { tokenGeneration: 1 } }, { key: cli });
    expectStatus(refused, 403, "Forbidden");
    expect(refused.body.message).toContain(
      'does not allow patch on resource "users" in API group "management.loft.sh"',
    );
    const stored = await userOf("ivan");
    const refusedPut = await put(
      "ivan",
      { ...stored, spec: { ...stored.spec, tokenGeneration: 1 } },
      { key: cli },
    );
    expectStatus(refusedPut, 403, "Forbidden");
    expect(refusedPut.body.message).toContain("does not allow update on resource");
    // The same key may still read its user (loft-cli: get).
    expect((await t.call("GET", `${USERS}/ivan`, { key: cli })).status).toBe(200);

    const rule = await createKey(t, {
      user: "ivan",
      scope: {
        rules: [
          {
            verbs: ["patch"],
            resources: [
              { group: "management.loft.sh", resources: ["users"], resourceNames: ["ivan"] },
            ],
          },
        ],
      },
    });
    const allowed = await patch("ivan", { spec: { tokenGeneration: 1 } }, { key: rule });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    // The scope allows patch, not update; and the user's own limits still apply.
    expectStatus(
      await put(
        "ivan",
        { ...allowed.body, spec: { ...allowed.body.spec, tokenGeneration: 2 } },
        { key: rule },
      ),
      403,
      "Forbidden",
    );
    expectStatus(
      await patch("ivan", { spec: { displayName: "x" } }, { key: rule }),
      403,
      "Forbidden",
    );
    expect((await userOf("ivan")).spec.tokenGeneration).toBe(1);
  });
});

describe("kubectl", () => {
  beforeEach(requireKubectl);

  /** kubectl with the platform's kubeconfig (the admin's key); its output and errors as one text. */
  const kubectl = async (args: string[]) => {
    const run = await runKubectl(args, { HOME: t.dataDir, KUBECONFIG: t.platform.kubeconfigPath });
    return { code: run.code, out: `${run.stdout}${run.stderr}` };
  };

  it("patch --type=merge, the default (strategic) patch and replace raise a user's generation", async () => {
    await newUser("judy");
    const user = "users.management.loft.sh";
    const merge = await kubectl([
      "patch",
      user,
      "judy",
      "--type=merge",
      "-p",
      '{"spec":{"tokenGeneration":1}}',
    ]);
    expect(merge, merge.out).toMatchObject({ code: 0 });
    expect(merge.out).toContain("user.management.loft.sh/judy patched");
    const strategic = await kubectl([
      "patch",
      user,
      "judy",
      "-p",
      '{"spec":{"tokenGeneration":2}}',
    ]);
    expect(strategic, strategic.out).toMatchObject({ code: 0 });
    const json = await kubectl(["patch", user, "judy", "--type=json", "-p", "[]"]);
    expect(json.code).toBe(1);
    expect(json.out).toContain("application/json-patch+json is not supported");

    const yaml = await kubectl(["get", user, "judy", "-o", "yaml"]);
    expect(yaml.out).toContain("tokenGeneration: 2");
    const file = path.join(t.dataDir, "judy.yaml");
    fs.writeFileSync(file, yaml.out.replace("tokenGeneration: 2", "tokenGeneration: 3"));
    const replaced = await kubectl(["replace", "-f", file]);
    expect(replaced, replaced.out).toMatchObject({ code: 0 });
    expect((await userOf("judy")).spec.tokenGeneration).toBe(3);
    // The file still holds the old resourceVersion: a second replace is a conflict.
    const again = await kubectl(["replace", "-f", file]);
    expect(again.code).toBe(1);
    expect(again.out).toContain("the object has been modified");
  });
});

describe("discovery and OpenAPI", () => {
  it("list patch and update for users", async () => {
    const list = await t.call("GET", "/kubernetes/management/apis/management.loft.sh/v1");
    const users = list.body.resources.find((r: { name: string }) => r.name === "users");
    expect(users).toMatchObject({
      kind: "User",
      namespaced: false,
      verbs: ["create", "get", "list", "patch", "update"],
    });
    const root = await t.call("GET", "/kubernetes/management/openapi/v3");
    const url = root.body.paths["apis/management.loft.sh/v1"].serverRelativeURL as string;
    const doc = (await t.call("GET", url)).body;
    const item = doc.paths["/apis/management.loft.sh/v1/users/{name}"];
    expect(item.put).toMatchObject({ operationId: "replaceUser", "x-kubernetes-action": "put" });
    expect(item.patch).toMatchObject({ operationId: "patchUser", "x-kubernetes-action": "patch" });
    expect(Object.keys(item.patch.requestBody.content)).toEqual([
      "application/merge-patch+json",
      "application/strategic-merge-patch+json",
    ]);
    const spec = doc.components.schemas["com.github.loft-sh.api.v4.pkg.apis.management.v1.User"];
    expect(spec.properties.spec.properties.tokenGeneration).toMatchObject({ type: "integer" });
    // Projects are still create/delete/get/list only.
    expect(doc.paths["/apis/management.loft.sh/v1/projects/{name}"].patch).toBeUndefined();
  });
});

describe("a database from before spec.tokenGeneration", () => {
  it("starts its users at the generation their old tokens carry, so one raise revokes those too", async () => {
    const first = await startTestPlatform();
    const { dataDir, adminKey } = first;
    const oldToken = await (async () => {
      // A token as the previous version signed it: gen = metadata.generation (1).
      const current = await issueToken(first);
      const claims = decodeJwt(current);
      const key = crypto.createPrivateKey(
        fs.readFileSync(path.join(dataDir, "signing-key.pem"), "utf8"),
      );
      const header = JSON.parse(Buffer.from(current.split(".")[0]!, "base64url").toString()) as {
        kid: string;
      };
      return new SignJWT({ ...claims, "loft.sh": { ...(claims["loft.sh"] as object), gen: 1 } })
        .setProtectedHeader({ alg: "RS256", kid: header.kid })
        .sign(key);
    })();
    await first.close({ keepData: true });
    // Back to the schema before the migration, users without spec.tokenGeneration.
    const db = new Database(path.join(dataDir, "platform.db"));
    const version = db.pragma("user_version", { simple: true }) as number;
    db.prepare(
      "UPDATE objects SET body = json_remove(body, '$.spec.tokenGeneration') WHERE kind = 'users'",
    ).run();
    db.pragma(`user_version = ${version - 1}`);
    db.close();

    const second = await startTestPlatform({ dataDir, adminKey });
    try {
      const admin = (await second.call("GET", `${USERS}/admin`)).body;
      expect(admin.spec.tokenGeneration).toBe(1);
      expect(loftClaim(await issueToken(second)).gen).toBe(1);
      expect((await direct(second, oldToken, "GET", `${VC}/version`)).status).toBe(200);
      const raised = await second.call("PATCH", `${USERS}/admin`, {
        body: { spec: { tokenGeneration: 2 } },
        headers: { "content-type": MERGE },
      });
      expect(raised.status).toBe(200);
      expect((await direct(second, oldToken, "GET", `${VC}/version`)).status).toBe(401);
    } finally {
      closeDirect(second);
      await second.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
