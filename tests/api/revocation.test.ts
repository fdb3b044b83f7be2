import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import { ManagementError } from "@/lib/management/errors";
import { getUser, raiseTokenGeneration } from "@/lib/management/resources";
import { raiseOwnGeneration } from "@/lib/revocation/generation";
import { raiseOwn, readOwnGeneration } from "@/lib/revocation/own-user";
import { closeDirect, direct, issueToken } from "@/tests/support/direct";
import { createKey } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * The console's revocation calls, through its one management client (lib/management), against the
 * local platform: `POST selves`, `GET users/<name>`, then a merge `PATCH` of spec.tokenGeneration
 * guarded by metadata.resourceVersion.
 */
let t: TestPlatform;
let consoleDir: string;

async function newUser(name: string, scope?: unknown): Promise<string> {
  const res = await t.call("POST", `${API_PREFIX}/users`, {
    body: { apiVersion: "management.loft.sh/v1", kind: "User", metadata: { name }, spec: {} },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return createKey(t, { user: name, ...(scope ? { scope } : {}) });
}

beforeAll(async () => {
  t = await startTestPlatform();
  consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-console-"));
  // The console under test talks to this platform as it would to a real one (read on first use).
  process.env.PLATFORM_URL = t.origin;
  process.env.SESSION_SECRET = crypto.randomBytes(32).toString("hex");
  process.env.DATA_DIR = consoleDir;
});
afterAll(async () => {
  closeDirect(t);
  await t.close();
  fs.rmSync(consoleDir, { recursive: true, force: true });
});

describe("revoking with the user's own key", () => {
  it("reads generation 0, raises it to 1: the old token is refused, a new one carries gen 1", async () => {
    const key = await newUser("erin");
    const before = await issueToken(t, {}, key);
    expect((await direct(t, before, "GET", "/kubernetes/cluster/version")).status).toBe(403);

    const own = await readOwnGeneration(key, { kind: "User", name: "erin" });
    expect(own).toMatchObject({ state: "user", user: "erin", generation: 0 });
    expect(await raiseOwn(key, { kind: "User", name: "erin" })).toEqual({
      ok: true,
      user: "erin",
      from: 0,
      to: 1,
    });
    expect((await getUser(key, "erin")).spec?.tokenGeneration).toBe(1);

    expect((await direct(t, before, "GET", "/kubernetes/cluster/version")).status).toBe(401);
    const after = await issueToken(t, {}, key);
    expect((await direct(t, after, "GET", "/kubernetes/cluster/version")).status).toBe(403);
    expect(await readOwnGeneration(key, { kind: "User", name: "erin" })).toMatchObject({
      generation: 1,
    });
  });

  it("a stale resourceVersion is a 409 Conflict; read again, the raise goes through once", async () => {
    const key = await newUser("frank");
    const stale = await readOwnGeneration(key, { kind: "User", name: "frank" });
    expect(stale.state).toBe("user");
    assert(stale.state === "user");
    // Someone raises it in between.
    expect(await raiseOwn(key, { kind: "User", name: "frank" })).toMatchObject({ ok: true, to: 1 });

    const conflict = raiseTokenGeneration(key, "frank", 0, stale.resourceVersion);
    await expect(conflict).rejects.toBeInstanceOf(ManagementError);
    await expect(conflict).rejects.toMatchObject({ code: 409, reason: "Conflict" });

    let reads = 0;
    const outcome = await raiseOwnGeneration({
      read: async () =>
        reads++ === 0 ? stale : readOwnGeneration(key, { kind: "User", name: "frank" }),
      raise: (user, from, rv) => raiseTokenGeneration(key, user, from, rv),
    });
    expect(outcome).toEqual({ ok: true, user: "frank", from: 1, to: 2 });
    expect(reads).toBe(2);
  });

  it("a stolen key cannot pin the generation at 2^53 − 1 (403); the console's raise by one still goes through", async () => {
    const key = await newUser("jo");
    const pin = raiseTokenGeneration(key, "jo", Number.MAX_SAFE_INTEGER - 1);
    await expect(pin).rejects.toMatchObject({
      code: 403,
      reason: "Forbidden",
      message: expect.stringContaining(
        "a user may raise their own spec.tokenGeneration by exactly one (from 0 to 1)",
      ),
    });
    expect((await getUser(t.adminKey, "jo")).spec?.tokenGeneration).toBeUndefined();
    expect(await raiseOwn(key, { kind: "User", name: "jo" })).toEqual({
      ok: true,
      user: "jo",
      from: 0,
      to: 1,
    });
    expect(await raiseOwn(key, { kind: "User", name: "jo" })).toEqual({
      ok: true,
      user: "jo",
      from: 1,
      to: 2,
    });
  });

  it("a read-only key may read its user but not raise it: forbidden, nothing changed", async () => {
    await newUser("gina");
    const readOnly = await createKey(t, { user: "gina", scope: { roles: [{ role: "loft-cli" }] } });
    const outcome = await raiseOwn(readOnly, { kind: "User", name: "gina" });
    expect(outcome).toMatchObject({
      ok: false,
      why: "forbidden",
      user: "gina",
      error: { message: expect.stringContaining('does not allow patch on resource "users"') },
    });
    expect((await getUser(t.adminKey, "gina")).spec?.tokenGeneration).toBeUndefined();
  });

  it("another user's generation is not theirs to raise (403); their own user must be readable", async () => {
    const key = await newUser("hank");
    await newUser("ivy");
    await expect(raiseTokenGeneration(key, "ivy", 0)).rejects.toMatchObject({ code: 403 });
    expect((await getUser(t.adminKey, "ivy")).spec?.tokenGeneration).toBeUndefined();

    const selvesOnly = await createKey(t, {
      user: "hank",
      scope: {
        rules: [
          {
            verbs: ["get"],
            resources: [{ group: "management.loft.sh", resources: ["selves"] }],
            requestTargets: ["Management"],
          },
        ],
      },
    });
    expect(await readOwnGeneration(selvesOnly, { kind: "User", name: "hank" })).toMatchObject({
      state: "unreadable",
      user: "hank",
      error: { code: 403 },
    });
  });
});
