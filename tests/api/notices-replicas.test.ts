import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { startNotifier, type Notifier } from "@/lib/notices/notifier";
import { openStore, type OpenStore } from "@/lib/store/store-db";
import { fingerprintOf, markRevoked, recordIssued, type LedgerEntry } from "@/lib/ledger/store";
import {
  noticeKey,
  startNoticeReceiver,
  type NoticeReceiver,
} from "@/tests/support/notice-receiver";
import { createDatabase } from "@/tests/support/postgres";

/**
 * Exactly once across replicas: three notifiers over one outbox — on PostgreSQL each with its own
 * pool (its own replica), on SQLite sharing the one store a single instance has — run together over
 * 200 entries as the clock crosses both thresholds, with a receiver that fails some first attempts.
 * The receiver gets every (entry, threshold) once, and nothing else.
 */

const T0 = Date.UTC(2026, 10, 1, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SECRET = "replica-secret-0123456789";
const PLATFORM = "https://platform.example";
const REPLICAS = 3;

/** Three stores on one PostgreSQL database (three pools), or one SQLite store shared three ways. */
const SETUPS = [
  {
    name: "postgres (three pools)",
    open: async (): Promise<OpenStore[]> => {
      const url = await createDatabase(inject("postgresUrl"));
      const first = await openStore({ databaseUrl: url, sqliteFile: "/nonexistent" });
      const rest = await Promise.all(
        Array.from({ length: REPLICAS - 1 }, () =>
          openStore({ databaseUrl: url, sqliteFile: "/nonexistent" }),
        ),
      );
      return [first, ...rest];
    },
  },
  {
    name: "sqlite (one store)",
    open: async (): Promise<OpenStore[]> => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-notices-"));
      const store = await openStore({ sqliteFile: path.join(dir, "console.db") });
      return Array.from({ length: REPLICAS }, () => store);
    },
  },
] as const;

describe.each(SETUPS)("notices across replicas on $name", (setup) => {
  let stores: OpenStore[];
  let receiver: NoticeReceiver;
  let notifiers: Notifier[];
  let now = T0;

  beforeAll(async () => {
    stores = await setup.open();
    // One notice in ten fails its first attempt; it is retried by whichever replica claims it next.
    receiver = await startNoticeReceiver((body, tries) =>
      tries === 1 && parseInt(body.entry.id.slice(0, 2), 16) % 10 === 0 ? "fail" : "ok",
    );
    notifiers = stores.map((store, i) =>
      startNotifier({
        db: store.db,
        engine: store.engine,
        clock: () => now,
        worker: `replica-${i}`,
        config: {
          NOTIFY_WEBHOOK_URL: receiver.url,
          NOTIFY_WEBHOOK_SECRET: SECRET,
          NOTIFY_THRESHOLDS: [7 * 86_400, 86_400],
          NOTIFY_INTERVAL_MS: 3_600_000,
          NOTIFY_TIMEOUT_MS: 5_000,
        },
      }),
    );
  });

  afterAll(async () => {
    await Promise.all((notifiers ?? []).map((n) => n.stop()));
    await receiver?.close();
    await Promise.all([...new Set(stores ?? [])].map((s) => s.close()));
  });

  /** Every replica passes at once, again (a minute later) until nothing is left to send. */
  async function settle() {
    for (let round = 0; round < 20; round++) {
      await Promise.all(notifiers.map((n) => n.runOnce()));
      const waiting = await stores[0]!.db
        .selectFrom("notices")
        .select("id")
        .where("next_attempt_at", "is not", null)
        .execute();
      if (waiting.length === 0) return;
      now += 60_000;
    }
    throw new Error("notices were still waiting after 20 rounds");
  }

  it("delivers each (entry, threshold) exactly once while three replicas run together", async () => {
    const db = stores[0]!.db;
    const record = (expiresAt: number, user = "alice") =>
      recordIssued(db, {
        principal: `user:${user}`,
        principalUid: null,
        user,
        platform: PLATFORM,
        tokenId: null,
        fingerprint: fingerprintOf(crypto.randomUUID()),
        requested: {},
        issuedScope: null,
        requestedTtl: null,
        issuedAt: T0,
        expiresAt,
        generation: 0,
        note: null,
      });
    const make = (count: number, expiresAt: (i: number) => number, user?: string) =>
      Promise.all(Array.from({ length: count }, (_, i) => record(expiresAt(i), user)));
    // 60 inside 7 days, 60 eight days out, 40 inside a day, 40 far out that bob revokes.
    const week = await make(60, (i) => T0 + 6.5 * DAY + i * 1000);
    const later = await make(60, (i) => T0 + 8 * DAY + i * 1000);
    const soon = await make(40, (i) => T0 + 12 * HOUR + i * 1000);
    const revoked = await make(40, (i) => T0 + 30 * DAY + i * 1000, "bob");

    const expected = new Set<string>();
    const expect7 = (entries: LedgerEntry[]) =>
      entries.forEach((e) => expected.add(`${e.id}/expiring/604800`));
    const expect1 = (entries: LedgerEntry[]) =>
      entries.forEach((e) => expected.add(`${e.id}/expiring/86400`));

    await settle();
    expect7(week);
    expect1(soon);

    now = T0 + 1.5 * DAY;
    await markRevoked(db, { principal: "user:bob", platform: PLATFORM }, 1, now);
    await settle();
    expect7(later);
    revoked.forEach((e) => expected.add(`${e.id}/revoked/0`));

    now = T0 + 6 * DAY;
    await settle();
    expect1(week);

    now = T0 + 7.5 * DAY;
    await settle();
    expect1(later);

    const delivered = receiver.delivered().map((r) => noticeKey(r.body));
    expect(delivered).toHaveLength(new Set(delivered).size);
    expect(new Set(delivered)).toEqual(expected);
    expect(expected.size).toBe(60 * 2 + 60 * 2 + 40 + 40);
    // The notices that failed first were tried exactly twice; the rest once.
    const tries = new Map<string, number>();
    for (const r of receiver.received) {
      const key = noticeKey(r.body);
      tries.set(key, (tries.get(key) ?? 0) + 1);
    }
    const failedFirst = receiver.received.filter((r) => r.answer === "fail").map((r) => r.body);
    expect(failedFirst.length).toBeGreaterThan(0);
    for (const body of failedFirst) expect(tries.get(noticeKey(body))).toBe(2);
    expect(receiver.received).toHaveLength(delivered.length + failedFirst.length);
    for (const r of receiver.received) {
      const mac = crypto.createHmac("sha256", SECRET).update(r.raw).digest("hex");
      expect(r.headers["x-dce-signature"]).toBe(`sha256=${mac}`);
    }
  });
});
