import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbPath } from "@/lib/local-platform/platform-db";
import { createKey, tokenRequest } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * The platform keeps what it looked up about an access key between requests; a change made to the
 * database by another connection (a test, a bulk loader, an operator's sqlite3) must still decide
 * the very next request, as a change made through the API does.
 */
const TOKENS = `${API_PREFIX}/directclusterendpointtokens`;
const SELF = `${API_PREFIX}/selves`;

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

/** Runs `sql` with `args` on a connection of its own to the platform's database, then closes it. */
function throughAnotherConnection(sql: string, ...args: unknown[]): number {
  const db = new Database(dbPath(t.dataDir));
  try {
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    return db.prepare(sql).run(...args).changes;
  } finally {
    db.close();
  }
}

/**
 * A key of alice's, used twice before the change: the first use records its activity (a write),
 * the second is answered from what the platform kept.
 */
async function usedKey(name: string): Promise<string> {
  const key = await createKey(t, { user: "alice" }, { name });
  for (let i = 0; i < 2; i++) {
    const res = await t.call("POST", TOKENS, { key, body: tokenRequest({ ttl: 600 }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  return key;
}

const issue = (key: string) => t.call("POST", TOKENS, { key, body: tokenRequest({ ttl: 600 }) });

describe("an access key changed through another connection", () => {
  it("is refused on the next request once disabled there", async () => {
    const key = await usedKey("cached-disabled");
    const changed = throughAnotherConnection(
      `UPDATE objects SET body = json_set(body, '$.spec.disabled', json('true'))
       WHERE kind = 'ownedaccesskeys' AND namespace = '' AND name = ?`,
      "cached-disabled",
    );
    expect(changed).toBe(1);
    const res = await issue(key);
    expect(res.status, JSON.stringify(res.body)).toBe(401);
    expect((await t.call("POST", SELF, { key, body: {} })).status).toBe(401);
  });

  it("is refused on the next request once deleted there", async () => {
    const key = await usedKey("cached-deleted");
    const changed = throughAnotherConnection(
      "DELETE FROM objects WHERE kind = 'ownedaccesskeys' AND namespace = '' AND name = ?",
      "cached-deleted",
    );
    expect(changed).toBe(1);
    expect((await issue(key)).status).toBe(401);
  });

  it("is accepted again on the next request once enabled there", async () => {
    const key = await createKey(t, { user: "alice", disabled: true }, { name: "cached-enabled" });
    expect((await issue(key)).status).toBe(401);
    throughAnotherConnection(
      `UPDATE objects SET body = json_remove(body, '$.spec.disabled')
       WHERE kind = 'ownedaccesskeys' AND namespace = '' AND name = ?`,
      "cached-enabled",
    );
    expect((await issue(key)).status).toBe(201);
  });

  it("is refused on the next request once its owner is deleted there", async () => {
    const create = await t.call("POST", `${API_PREFIX}/users`, {
      body: { apiVersion: "management.loft.sh/v1", kind: "User", metadata: { name: "carol" } },
    });
    expect(create.status).toBe(201);
    const key = await createKey(t, { user: "carol" }, { name: "cached-owner" });
    for (let i = 0; i < 2; i++) {
      expect((await t.call("POST", SELF, { key, body: {} })).status).toBe(201);
    }
    throughAnotherConnection(
      "DELETE FROM objects WHERE kind = 'users' AND namespace = '' AND name = ?",
      "carol",
    );
    expect((await t.call("POST", SELF, { key, body: {} })).status).toBe(401);
  });
});

describe("an access key changed through the API", () => {
  it("is refused on the next request once disabled, and accepted once enabled", async () => {
    const key = await usedKey("cached-api");
    const patch = (disabled: boolean) =>
      t.call("PATCH", `${API_PREFIX}/ownedaccesskeys/cached-api`, {
        body: { spec: { disabled } },
        headers: { "content-type": "application/merge-patch+json" },
      });
    expect((await patch(true)).status).toBe(200);
    expect((await issue(key)).status).toBe(401);
    expect((await patch(false)).status).toBe(200);
    expect((await issue(key)).status).toBe(201);
  });
});
