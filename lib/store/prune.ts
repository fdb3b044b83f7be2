import type { StoreDb } from "./store-db";
import { ABSOLUTE_MS, IDLE_MS } from "./sessions";

/** Submissions older than this are forgotten: a form is reloaded long before. */
const SUBMISSION_MEMORY_MS = 60 * 60_000;

export interface PruneCounts {
  ledger: number;
  sessions: number;
  submissions: number;
  rateLimits: number;
  resolutionSlots: number;
  notices: number;
}

/**
 * Deletes what the store no longer needs: ledger entries `ledgerRetentionMs` after their token expired
 * or was revoked, ended sessions, old submission claims and rate-limit windows, and listing leases
 * that lapsed (their process died before giving them back), and notices (with their attempts)
 * delivered or dropped `ledgerRetentionMs` ago.
 */
export async function prune(
  db: StoreDb,
  ledgerRetentionMs: number,
  now = Date.now(),
): Promise<PruneCounts> {
  const before = now - ledgerRetentionMs;
  const ledger = await db
    .deleteFrom("ledger")
    .where((eb) => eb.or([eb("expires_at", "<", before), eb("revoked_at", "<", before)]))
    .executeTakeFirst();
  const sessions = await db
    .deleteFrom("sessions")
    .where((eb) =>
      eb.or([eb("last_seen_at", "<", now - IDLE_MS), eb("created_at", "<", now - ABSOLUTE_MS)]),
    )
    .executeTakeFirst();
  const submissions = await db
    .deleteFrom("submissions")
    .where("created_at", "<", now - SUBMISSION_MEMORY_MS)
    .executeTakeFirst();
  const rateLimits = await db
    .deleteFrom("rate_limits")
    .where("window_start", "<", now - 60 * 60_000)
    .executeTakeFirst();
  const resolutionSlots = await db
    .deleteFrom("resolution_slots")
    .where("expires_at", "<", now)
    .executeTakeFirst();
  const finished = db
    .selectFrom("notices")
    .select("id")
    .where((eb) => eb.or([eb("delivered_at", "<", before), eb("dropped_at", "<", before)]));
  await db.deleteFrom("notice_attempts").where("notice_id", "in", finished).execute();
  const notices = await db
    .deleteFrom("notices")
    .where((eb) => eb.or([eb("delivered_at", "<", before), eb("dropped_at", "<", before)]))
    .executeTakeFirst();
  return {
    ledger: Number(ledger.numDeletedRows),
    sessions: Number(sessions.numDeletedRows),
    submissions: Number(submissions.numDeletedRows),
    rateLimits: Number(rateLimits.numDeletedRows),
    resolutionSlots: Number(resolutionSlots.numDeletedRows),
    notices: Number(notices.numDeletedRows),
  };
}
