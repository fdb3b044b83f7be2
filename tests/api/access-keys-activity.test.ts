import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDirect, direct } from "@/tests/support/direct";
import { createKey } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * status.lastActivity and idle expiry (spec.ttlAfterLastActivity), on a platform whose clock the
 * test moves: no waiting. lastActivity is written at most once a minute per key; an idle-expiring
 * key ends at its recorded activity (or creation) + ttl.
 */
const KEYS = `${API_PREFIX}/ownedaccesskeys`;
const SELVES = `${API_PREFIX}/selves`;
const VC = "/kubernetes/project/default/virtualcluster/dev-vcluster";
const SECOND = 1000;
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The platform's "now": starts at a whole second, moves only when a test moves it. */
let now = Math.ceil(Date.now() / SECOND) * SECOND;
const advance = (ms: number) => {
  now += ms;
};

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ clock: () => now });
});
afterAll(async () => {
  closeDirect(t);
  await t.close();
});

/** The key as the admin reads it (the admin's own key, not this one, authenticates). */
const read = async (name: string) => {
  const res = await t.call("GET", `${KEYS}/${name}`);
  expect(res.status).toBe(200);
  return res.body;
};
const useApi = async (key: string) => (await t.call("POST", SELVES, { key, body: {} })).status;
const useDirect = async (key: string) =>
  (await direct(t, key, "GET", `${VC}/api/v1/namespaces`)).status;

describe("status.lastActivity", () => {
  it("appears after the first use and is written at most once a minute", async () => {
    const key = await createKey(t, { user: "alice" }, { name: "activity" });
    const created = await read("activity");
    expect(created.status?.lastActivity).toBeUndefined();

    advance(SECOND);
    const first = now;
    expect(await useApi(key)).toBe(201);
    expect((await read("activity")).status.lastActivity).toBe(rfc3339(first));

    // Two more uses within the minute: nothing written.
    advance(30 * SECOND);
    expect(await useApi(key)).toBe(201);
    advance(29 * SECOND);
    expect(await useDirect(key)).toBe(200);
    expect((await read("activity")).status.lastActivity).toBe(rfc3339(first));

    // A minute after the recorded use: recorded again (by the direct endpoint too).
    advance(SECOND);
    expect(await useDirect(key)).toBe(200);
    const later = await read("activity");
    expect(later.status.lastActivity).toBe(rfc3339(first + 60 * SECOND));
    // Recording use is no change to the key: its resourceVersion stays.
    expect(later.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    advance(90 * SECOND);
    expect(await useApi(key)).toBe(201);
    expect((await read("activity")).status.lastActivity).toBe(rfc3339(first + 150 * SECOND));
  });

  it("is on the key in lists and on the key's own reads, never on a refused use", async () => {
    const key = await createKey(t, { user: "alice" }, { name: "listed" });
    advance(SECOND);
    expect((await t.call("GET", KEYS, { key })).status).toBe(200);
    const list = await t.call("GET", KEYS);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const item = list.body.items.find((i: any) => i.metadata.name === "listed");
    expect(item.status.lastActivity).toBe(rfc3339(now));
    // Disabled: refused, and the refusal is not activity.
    await t.call("PATCH", `${KEYS}/listed`, {
      body: { spec: { disabled: true } },
      headers: { "content-type": "application/merge-patch+json" },
    });
    advance(120 * SECOND);
    expect(await useApi(key)).toBe(401);
    expect((await read("listed")).status.lastActivity).toBe(rfc3339(now - 120 * SECOND));
  });
});

describe("ttl", () => {
  it("counts from creation without ttlAfterLastActivity, however often the key is used", async () => {
    const key = await createKey(t, { user: "alice", ttl: 300 }, { name: "fixed" });
    const created = now;
    advance(200 * SECOND);
    expect(await useApi(key)).toBe(201);
    advance(99 * SECOND);
    expect(await useDirect(key)).toBe(200);
    now = created + 300 * SECOND;
    expect(await useApi(key)).toBe(401);
    expect(await useDirect(key)).toBe(401);
  });

  it("is refused the moment it expires, though nothing was written since it was last let through", async () => {
    const key = await createKey(t, { user: "alice", ttl: 300 }, { name: "unchanged" });
    const created = now;
    now = created + 250 * SECOND;
    expect(await useApi(key)).toBe(201);
    // Within the minute of the recorded use: the key and the database stay as they are.
    now = created + 299 * SECOND;
    expect(await useApi(key)).toBe(201);
    expect(await useDirect(key)).toBe(200);
    now = created + 300 * SECOND;
    expect(await useApi(key)).toBe(401);
    expect(await useDirect(key)).toBe(401);
  });

  it("with ttlAfterLastActivity, use keeps the key alive past creation + ttl; unused for ttl it is 401", async () => {
    const spec = { user: "alice", ttl: 300, ttlAfterLastActivity: true };
    const key = await createKey(t, spec, { name: "idle" });
    const created = now;
    advance(200 * SECOND);
    expect(await useApi(key)).toBe(201);
    // Beyond creation + ttl, but within ttl of the last recorded use.
    now = created + 400 * SECOND;
    expect(await useDirect(key)).toBe(200);
    now = created + 699 * SECOND;
    expect(await useApi(key)).toBe(201);
    expect((await read("idle")).status.lastActivity).toBe(rfc3339(created + 699 * SECOND));
    // Unused for ttl seconds: refused at both.
    now = created + 999 * SECOND;
    expect(await useApi(key)).toBe(401);
    expect(await useDirect(key)).toBe(401);
    // And a refusal does not bring it back.
    advance(SECOND);
    expect(await useApi(key)).toBe(401);
  });

  it("a never-used idle key ends ttl after its creation", async () => {
    const spec = { user: "alice", ttl: 120, ttlAfterLastActivity: true };
    const key = await createKey(t, spec, { name: "never-used" });
    advance(119 * SECOND);
    advance(SECOND);
    expect(await useApi(key)).toBe(401);
  });

  it("ends at the recorded activity + ttl: a use within the minute after a recorded one does not extend it", async () => {
    const spec = { user: "alice", ttl: 120, ttlAfterLastActivity: true };
    const key = await createKey(t, spec, { name: "slack" });
    const created = now;
    now = created + 10 * SECOND;
    expect(await useApi(key)).toBe(201); // recorded: created + 10 s
    now = created + 60 * SECOND;
    expect(await useApi(key)).toBe(201); // 50 s later: not recorded
    now = created + 129 * SECOND;
    expect(await useApi(key)).toBe(201);
    expect((await read("slack")).status.lastActivity).toBe(rfc3339(created + 129 * SECOND));
    const again = await createKey(t, spec, { name: "slack-2" });
    const second = now;
    now = second + 10 * SECOND;
    expect(await useApi(again)).toBe(201);
    now = second + 60 * SECOND;
    expect(await useApi(again)).toBe(201);
    now = second + 130 * SECOND;
    expect(await useApi(again)).toBe(401);
  });
});
