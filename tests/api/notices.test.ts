import crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listNotices } from "@/lib/notices/list";
import type { NoticeBody } from "@/lib/notices/message";
import { startNotifier, type Notifier, type NotifierConfig } from "@/lib/notices/notifier";
import { claimNotices, enqueueNotices, settleNotice } from "@/lib/notices/outbox";
import type { OpenStore } from "@/lib/store/store-db";
import {
  fingerprintOf,
  markRevoked,
  recordIssued,
  type LedgerEntry,
  type NewLedgerEntry,
} from "@/lib/ledger/store";
import { prune } from "@/lib/store/prune";
import {
  noticeKey,
  startNoticeReceiver,
  type Answer,
  type NoticeReceiver,
} from "@/tests/support/notice-receiver";
import { STORE_ENGINES } from "@/tests/support/store-engines";

/**
 * Expiry and revocation notices, the same on both engines: a webhook receiver on 127.0.0.1 gets one
 * signed notice per entry and threshold, as the (injected) clock crosses thresholds; a receiver that
 * fails or hangs gets each notice once, later; a claim whose worker died is delivered by another.
 */

const T0 = Date.UTC(2026, 10, 1, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SECRET = "notice-secret-0123456789";
const PLATFORM = "https://platform.example";

function settings(url: string, over: Partial<NotifierConfig> = {}): NotifierConfig {
  return {
    NOTIFY_WEBHOOK_URL: url,
    NOTIFY_WEBHOOK_SECRET: SECRET,
    NOTIFY_THRESHOLDS: [7 * 86_400, 86_400],
    // Passes run when a test says so (runOnce), not on the timer.
    NOTIFY_INTERVAL_MS: 3_600_000,
    NOTIFY_TIMEOUT_MS: 2_000,
    ...over,
  };
}

const issued = (
  store: OpenStore,
  issuedAt: number,
  expiresAt: number | null,
  over: Partial<NewLedgerEntry> = {},
): Promise<LedgerEntry> =>
  recordIssued(store.db, {
    principal: "user:alice",
    principalUid: null,
    user: "alice",
    platform: PLATFORM,
    tokenId: null,
    fingerprint: fingerprintOf(crypto.randomUUID()),
    requested: {},
    issuedScope: null,
    requestedTtl: null,
    issuedAt,
    expiresAt,
    generation: 0,
    note: null,
    ...over,
  });

describe.each(STORE_ENGINES)("notices on $name", (engine) => {
  let store: OpenStore;
  let receiver: NoticeReceiver;
  let notifier: Notifier | undefined;
  let now = T0;
  const clock = () => now;

  async function setUp(
    answer?: (tries: number, body: NoticeBody) => Answer,
    over: Partial<NotifierConfig> = {},
  ): Promise<Notifier> {
    now = T0;
    store = await engine.open();
    receiver = await startNoticeReceiver(answer && ((body, tries) => answer(tries, body)));
    notifier = startNotifier({
      db: store.db,
      engine: store.engine,
      config: settings(receiver.url, over),
      clock,
      worker: "test",
    });
    return notifier;
  }

  afterEach(async () => {
    await notifier?.stop();
    notifier = undefined;
    await receiver?.close();
    await store?.close();
  });

  it("an entry gets the 7-day notice, then the 1-day one, each once, as the clock crosses them", async () => {
    const n = await setUp();
    const entry = await issued(store, T0, T0 + 8 * DAY, { note: "deploy bot <!channel>" });
    await n.runOnce();
    expect(receiver.received).toEqual([]);

    now = entry.expiresAt! - 6.9 * DAY;
    await n.runOnce();
    await n.runOnce();
    expect(receiver.received.map((r) => noticeKey(r.body))).toEqual([
      `${entry.id}/expiring/604800`,
    ]);
    const week = receiver.received[0]!.body;
    expect(week.entry).toMatchObject({
      id: entry.id,
      kind: "token",
      principal: "user:alice",
      user: "alice",
      expiresAt: entry.expiresAt,
      revokedAt: null,
    });
    expect(week.text).toBe(
      "Token issued by user:alice expires in 6 days 21 h (Nov 9, 2026, 12:00 UTC). Note: deploy bot &lt;!channel&gt;",
    );

    now = entry.expiresAt! - 0.9 * DAY;
    await n.runOnce();
    await n.runOnce();
    expect(receiver.received.map((r) => noticeKey(r.body))).toEqual([
      `${entry.id}/expiring/604800`,
      `${entry.id}/expiring/86400`,
    ]);

    now = entry.expiresAt! + HOUR;
    await n.runOnce();
    expect(receiver.received).toHaveLength(2);
  });

  it("a new entry already inside a threshold gets only the nearest one; ended entries get none", async () => {
    const n = await setUp();
    const soon = await issued(store, T0, T0 + 12 * HOUR, {
      kind: "accesskey",
      credentialName: "ci-deploy",
    });
    await issued(store, T0 - DAY, T0 - HOUR);
    await issued(store, T0, null);
    const revoked = await issued(store, T0, T0 + 3 * DAY, { principal: "user:bob", user: "bob" });
    await markRevoked(store.db, { principal: "user:bob", platform: PLATFORM }, 1, T0);
    await n.runOnce();
    await n.runOnce();
    expect(receiver.received.map((r) => noticeKey(r.body)).sort()).toEqual(
      [`${soon.id}/expiring/86400`, `${revoked.id}/revoked/0`].sort(),
    );
    const key = receiver.received.find((r) => r.body.entry.id === soon.id)!.body;
    expect(key.text).toBe(
      "Access key `ci-deploy` issued by user:alice expires in 12 h (Nov 2, 2026, 00:00 UTC).",
    );
  });

  it("a revocation is noticed once; one from before the last day is not", async () => {
    const n = await setUp();
    const live = await issued(store, T0 - DAY, T0 + 30 * DAY);
    const old = await issued(store, T0 - 5 * DAY, T0 + 30 * DAY, {
      principal: "user:carol",
      user: "carol",
    });
    await markRevoked(store.db, { principal: "user:carol", platform: PLATFORM }, 1, T0 - 2 * DAY);
    now = T0 + HOUR;
    await markRevoked(store.db, { principal: "user:alice", platform: PLATFORM }, 1, now);
    await n.runOnce();
    await n.runOnce();
    expect(receiver.received).toHaveLength(1);
    const body = receiver.received[0]!.body;
    expect(body).toMatchObject({ event: "revoked", threshold: 0 });
    expect(body.entry).toMatchObject({ id: live.id, revokedAt: now });
    expect(body.text).toBe("Token issued by user:alice was revoked (Nov 1, 2026, 13:00 UTC).");
    expect(receiver.received.some((r) => r.body.entry.id === old.id)).toBe(false);
  });

  it("signs each body with the secret, and sends JSON with the notice's id", async () => {
    const n = await setUp();
    await issued(store, T0, T0 + 2 * DAY);
    await n.runOnce();
    const [got] = receiver.received;
    expect(got).toBeDefined();
    const expected = crypto.createHmac("sha256", SECRET).update(got!.raw).digest("hex");
    expect(got!.headers["x-dce-signature"]).toBe(`sha256=${expected}`);
    expect(got!.headers["content-type"]).toBe("application/json");
    expect(got!.headers["x-dce-notice-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof got!.body.text).toBe("string");
    expect(got!.body.sentAt).toBe(new Date(T0).toISOString());
    expect(got!.raw).not.toContain(SECRET);
  });

  it("sends no signature without a secret", async () => {
    const n = await setUp(undefined, { NOTIFY_WEBHOOK_SECRET: undefined });
    await issued(store, T0, T0 + 2 * DAY);
    await n.runOnce();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers["x-dce-signature"]).toBeUndefined();
  });

  it("a receiver that fails, then hangs, gets each notice once, later; every attempt is kept", async () => {
    const answers: Answer[] = ["fail", "hang", "ok"];
    const n = await setUp((tries) => answers[tries - 1] ?? "ok", { NOTIFY_TIMEOUT_MS: 300 });
    const entries = await Promise.all(
      Array.from({ length: 5 }, (_, i) => issued(store, T0, T0 + 3 * DAY + i * HOUR)),
    );
    await n.runOnce();
    const first = await listNotices(store.db, { now });
    expect(first.notices.map((x) => x.state)).toEqual(Array(5).fill("retrying"));
    expect(
      first.notices.every((x) => x.nextAttemptAt! > now && x.lastError === "HTTP 500: boom"),
    ).toBe(true);

    for (let round = 0; round < 10 && receiver.delivered().length < entries.length; round++) {
      now += 2 * HOUR;
      await n.runOnce();
    }
    const delivered = receiver.delivered().map((r) => noticeKey(r.body));
    expect(delivered.sort()).toEqual(entries.map((e) => `${e.id}/expiring/604800`).sort());
    expect(receiver.received).toHaveLength(15);

    const { notices } = await listNotices(store.db, { now });
    for (const notice of notices) {
      expect(notice.state).toBe("delivered");
      expect(notice.attempts.map((a) => [a.number, a.outcome, a.httpStatus])).toEqual([
        [1, "failed", 500],
        [2, "failed", null],
        [3, "delivered", 204],
      ]);
      expect(notice.attempts[1]!.error).toBe("no answer within 300 ms");
      expect(notice.attempts.every((a) => a.worker === "test" && a.finishedAt !== null)).toBe(true);
    }
  });

  it("a claim whose worker died lapses and another worker delivers it, once", async () => {
    const n = await setUp();
    const entry = await issued(store, T0, T0 + 3 * DAY);
    await enqueueNotices(store.db, { thresholds: [7 * 86_400, 86_400], now });
    const [dead] = await claimNotices(store.db, store.engine, {
      worker: "dead",
      now,
      leaseMs: 60_000,
      limit: 10,
    });
    expect(dead).toBeDefined();
    await n.runOnce();
    expect(receiver.received).toEqual([]);
    expect((await listNotices(store.db, { now })).notices[0]!.state).toBe("sending");

    now += 61_000;
    await n.runOnce();
    await n.runOnce();
    expect(receiver.received.map((r) => noticeKey(r.body))).toEqual([
      `${entry.id}/expiring/604800`,
    ]);
    // The dead worker wakes up and reports a failure: its claim is gone, the notice stays delivered.
    await settleNotice(
      store.db,
      dead!,
      { ok: false, status: null, error: "late" },
      { now, durationMs: 1 },
    );
    const [notice] = (await listNotices(store.db, { now })).notices;
    expect(notice!.state).toBe("delivered");
    expect(notice!.attempts.map((a) => [a.worker, a.outcome])).toEqual([
      ["dead", "failed"],
      ["test", "delivered"],
    ]);
  });

  it("an expiry notice not yet delivered is dropped when the entry is revoked; the revocation is sent", async () => {
    const n = await setUp((_tries, body) => (body.event === "expiring" ? "fail" : "ok"));
    const entry = await issued(store, T0, T0 + 3 * DAY);
    await n.runOnce();
    now += HOUR;
    await markRevoked(store.db, { principal: "user:alice", platform: PLATFORM }, 1, now);
    await n.runOnce();
    expect(receiver.delivered().map((r) => noticeKey(r.body))).toEqual([`${entry.id}/revoked/0`]);
    const { notices } = await listNotices(store.db, { now });
    const expiry = notices.find((x) => x.event === "expiring")!;
    expect(expiry.state).toBe("dropped");
    expect(expiry.lastError).toMatch(/revoked or had expired/);
  });

  it("the notifier's own timer delivers a new entry's notice", async () => {
    await setUp(undefined, { NOTIFY_INTERVAL_MS: 100 });
    now = Date.now();
    await issued(store, now, now + 2 * DAY);
    await vi.waitFor(() => expect(receiver.delivered()).toHaveLength(1), { timeout: 10_000 });
  });

  it("prunes delivered notices and their attempts a retention later", async () => {
    const n = await setUp();
    await issued(store, T0, T0 + 2 * DAY);
    await n.runOnce();
    expect((await prune(store.db, 30 * DAY, T0 + DAY)).notices).toBe(0);
    expect((await prune(store.db, 30 * DAY, T0 + 31 * DAY)).notices).toBe(1);
    expect((await listNotices(store.db)).notices).toEqual([]);
    expect(await store.db.selectFrom("notice_attempts").selectAll().execute()).toEqual([]);
  });
});
