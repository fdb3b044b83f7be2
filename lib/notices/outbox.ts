import crypto from "node:crypto";
import type { Selectable, SelectQueryBuilder } from "kysely";
import type { Engine, StoreDb } from "@/lib/store/store-db";
import type { LedgerTable, NoticeEvent, StoreTables } from "@/lib/store/schema";
import type { DeliveryResult } from "./deliver";
import type { NoticeEntry } from "./message";

/*
 * The notice outbox in the console store, shared by every replica. Any replica enqueues (one row per
 * entry, event and threshold: the unique key makes a second insert a no-op); a replica claims due
 * notices with a lease in a transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite runs one
 * writer at a time), delivers them, and settles them under that claim only. A claim whose replica
 * died lapses with its lease and the notice is claimed again.
 */

/** Most ledger entries looked at per threshold, and revocations, per pass. */
export const ENQUEUE_LIMIT = 500;
/** Revocations older than this get no notice (a first deploy does not announce old ones). */
export const REVOKED_WITHIN_MS = 86_400_000;
export const MAX_ATTEMPTS = 20;
export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 3_600_000;

/** The wait after a failed `attempts`-th attempt: 30 s, doubling, at most an hour. */
export function retryDelay(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
}

const ENTRY_COLUMNS = [
  "id",
  "kind",
  "principal",
  "user_name",
  "credential_name",
  "issued_at",
  "expires_at",
  "revoked_at",
  "note",
] as const;

type EntryRow = Pick<Selectable<LedgerTable>, (typeof ENTRY_COLUMNS)[number]>;

function snapshot(row: EntryRow): NoticeEntry {
  return {
    id: row.id,
    kind: row.kind === "accesskey" ? "accesskey" : "token",
    principal: row.principal,
    user: row.user_name,
    credentialName: row.credential_name ?? null,
    issuedAt: Number(row.issued_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    note: row.note,
  };
}

async function insertNotices(
  db: StoreDb,
  rows: EntryRow[],
  event: NoticeEvent,
  threshold: number,
  now: number,
): Promise<number> {
  if (rows.length === 0) return 0;
  // One order for every replica, so concurrent inserts of the same keys never wait in a cycle.
  const sorted = rows.toSorted((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const result = await db
    .insertInto("notices")
    .values(
      sorted.map((row) => ({
        id: crypto.randomUUID(),
        entry_id: row.id,
        event,
        threshold,
        payload: JSON.stringify(snapshot(row)),
        created_at: now,
        next_attempt_at: now,
        attempts: 0,
        claimed_by: null,
        claimed_until: null,
        delivered_at: null,
        dropped_at: null,
        last_error: null,
      })),
    )
    .onConflict((oc) => oc.columns(["entry_id", "event", "threshold"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * Makes the notices now due: for each live entry inside a threshold, one for the smallest threshold
 * it is inside (never a larger one after a smaller); for each entry revoked within the last day, one
 * revocation notice. `thresholds` are seconds, largest first. Returns how many were new.
 */
export async function enqueueNotices(
  db: StoreDb,
  { thresholds, now, limit = ENQUEUE_LIMIT }: { thresholds: number[]; now: number; limit?: number },
): Promise<number> {
  let made = 0;
  for (const [i, threshold] of thresholds.entries()) {
    const smaller = thresholds[i + 1];
    const rows = await db
      .selectFrom("ledger")
      .select(ENTRY_COLUMNS)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", smaller === undefined ? now : now + smaller * 1000)
      .where("expires_at", "<=", now + threshold * 1000)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("notices")
              .select("notices.id")
              .whereRef("notices.entry_id", "=", "ledger.id")
              .where("notices.event", "=", "expiring")
              .where("notices.threshold", "<=", threshold),
          ),
        ),
      )
      .orderBy("expires_at")
      .limit(limit)
      .execute();
    made += await insertNotices(db, rows, "expiring", threshold, now);
  }
  const revoked = await db
    .selectFrom("ledger")
    .select(ENTRY_COLUMNS)
    .where("revoked_at", ">", now - REVOKED_WITHIN_MS)
    .where("revoked_at", "<=", now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("notices")
            .select("notices.id")
            .whereRef("notices.entry_id", "=", "ledger.id")
            .where("notices.event", "=", "revoked"),
        ),
      ),
    )
    .orderBy("revoked_at")
    .limit(limit)
    .execute();
  made += await insertNotices(db, revoked, "revoked", 0, now);
  return made;
}

const DROPPED = {
  ended:
    "Not sent: the credential was revoked or had expired before the notice could be delivered.",
  superseded: "Not sent: a notice for a nearer threshold replaced it.",
  exhausted: `Gave up after ${MAX_ATTEMPTS} attempts.`,
};

/**
 * Drops waiting notices that stopped being true (not ones held under a live lease): expiry notices
 * whose entry was revoked, expired or pruned, or which a nearer threshold's notice replaced, and
 * notices whose last allowed attempt never reported back. Replicas doing this at once skip each
 * other's rows (PostgreSQL) or take turns (SQLite). Returns how many.
 */
export async function dropStaleNotices(db: StoreDb, engine: Engine, now: number): Promise<number> {
  const drop = async (reason: string, which: (q: WaitingQuery) => WaitingQuery) => {
    let ids = which(
      db
        .selectFrom("notices")
        .select("notices.id")
        .where("notices.next_attempt_at", "is not", null)
        .where((eb) =>
          eb.or([eb("notices.claimed_until", "is", null), eb("notices.claimed_until", "<=", now)]),
        ),
    );
    if (engine === "postgres") ids = ids.forUpdate().skipLocked();
    const result = await db
      .updateTable("notices")
      .set({
        next_attempt_at: null,
        dropped_at: now,
        claimed_by: null,
        claimed_until: null,
        last_error: reason,
      })
      .where("id", "in", ids)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  };
  const ended = await drop(DROPPED.ended, (q) =>
    q
      .where("notices.event", "=", "expiring")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("ledger")
              .select("ledger.id")
              .whereRef("ledger.id", "=", "notices.entry_id")
              .where("ledger.revoked_at", "is", null)
              .where("ledger.expires_at", ">", now),
          ),
        ),
      ),
  );
  const superseded = await drop(DROPPED.superseded, (q) =>
    q
      .where("notices.event", "=", "expiring")
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("notices as nearer")
            .select("nearer.id")
            .whereRef("nearer.entry_id", "=", "notices.entry_id")
            .where("nearer.event", "=", "expiring")
            .whereRef("nearer.threshold", "<", "notices.threshold"),
        ),
      ),
  );
  const exhausted = await drop(DROPPED.exhausted, (q) =>
    q.where("notices.attempts", ">=", MAX_ATTEMPTS).where("notices.next_attempt_at", "<=", now),
  );
  return ended + superseded + exhausted;
}

type WaitingQuery = SelectQueryBuilder<StoreTables, "notices", { id: string }>;

/** A notice this replica holds, with the attempt it is making. */
export interface ClaimedNotice {
  id: string;
  event: NoticeEvent;
  threshold: number;
  /** JSON of the entry (NoticeEntry), read when the body is made. */
  payload: string;
  /** This attempt's number (1 for the first). */
  attempt: number;
  attemptId: string;
  /** The claim: only it may settle the notice. */
  claim: string;
  claimedUntil: number;
}

/**
 * Claims up to `limit` due notices for `leaseMs` and records an attempt for each, in one
 * transaction. On PostgreSQL other replicas skip the rows it locks; SQLite runs one writer at a time.
 */
export async function claimNotices(
  db: StoreDb,
  engine: Engine,
  { worker, now, leaseMs, limit }: { worker: string; now: number; leaseMs: number; limit: number },
): Promise<ClaimedNotice[]> {
  const claim = crypto.randomUUID();
  const until = now + leaseMs;
  return db.transaction().execute(async (tx) => {
    let due = tx
      .selectFrom("notices")
      .select("id")
      .where("next_attempt_at", "<=", now)
      .where("attempts", "<", MAX_ATTEMPTS)
      .orderBy("next_attempt_at")
      .limit(limit);
    if (engine === "postgres") due = due.forUpdate().skipLocked();
    const rows = await tx
      .updateTable("notices")
      .set((eb) => ({
        claimed_by: claim,
        claimed_until: until,
        // Due again when the lease lapses, should this replica die before settling it.
        next_attempt_at: until,
        attempts: eb("attempts", "+", 1),
      }))
      .where("id", "in", due)
      .returning(["id", "event", "threshold", "payload", "attempts"])
      .execute();
    if (rows.length === 0) return [];
    const claimed = rows.map((row) => ({
      id: row.id,
      event: row.event,
      threshold: Number(row.threshold),
      payload: row.payload,
      attempt: Number(row.attempts),
      attemptId: crypto.randomUUID(),
      claim,
      claimedUntil: until,
    }));
    await tx
      .insertInto("notice_attempts")
      .values(
        claimed.map((n) => ({
          id: n.attemptId,
          notice_id: n.id,
          number: n.attempt,
          worker,
          started_at: now,
          finished_at: null,
          outcome: "sending" as const,
          http_status: null,
          error: null,
          duration_ms: null,
        })),
      )
      .execute();
    return claimed;
  });
}

/**
 * Records how an attempt ended and settles the notice: delivered, due again after a backoff, or
 * dropped once MAX_ATTEMPTS ran out. A claim that lapsed and was taken over settles nothing but its
 * attempt's record.
 */
export async function settleNotice(
  db: StoreDb,
  notice: ClaimedNotice,
  result: DeliveryResult,
  { now, durationMs }: { now: number; durationMs: number },
): Promise<void> {
  const error = result.ok ? null : result.error;
  const settled = result.ok
    ? { delivered_at: now, next_attempt_at: null, last_error: null }
    : notice.attempt >= MAX_ATTEMPTS
      ? {
          dropped_at: now,
          next_attempt_at: null,
          last_error: `${DROPPED.exhausted} Last: ${error}`,
        }
      : { next_attempt_at: now + retryDelay(notice.attempt), last_error: error };
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("notice_attempts")
      .set({
        finished_at: now,
        outcome: result.ok ? "delivered" : "failed",
        http_status: result.status,
        error,
        duration_ms: durationMs,
      })
      .where("id", "=", notice.attemptId)
      .execute();
    await tx
      .updateTable("notices")
      .set({ ...settled, claimed_by: null, claimed_until: null })
      .where("id", "=", notice.id)
      .where("claimed_by", "=", notice.claim)
      .execute();
  });
}
