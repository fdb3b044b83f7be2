import { sql } from "kysely";
import type { StoreDb } from "./store-db";

/**
 * Claims a form submission so that it acts at most once (one token issued, one revocation), whichever
 * replica receives it and however often it is sent. A claim never completed (its replica died mid-request) may be taken over
 * once `staleAfterMs` has passed. Returns true when this caller holds the claim.
 */
export async function claimSubmission(
  db: StoreDb,
  id: string,
  staleAfterMs: number,
  now = Date.now(),
): Promise<boolean> {
  const inserted = await db
    .insertInto("submissions")
    .values({ id, created_at: now, completed_at: null })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return true;
  const taken = await db
    .updateTable("submissions")
    .set({ created_at: now })
    .where("id", "=", id)
    .where("completed_at", "is", null)
    .where("created_at", "<", now - staleAfterMs)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** Gives a claim back (the platform could not be reached: sending again may issue). */
export async function releaseSubmission(db: StoreDb, id: string): Promise<void> {
  await db
    .deleteFrom("submissions")
    .where("id", "=", id)
    .where("completed_at", "is", null)
    .execute();
}

/** Marks a claim done: the submission's answer was decided and it never issues again. */
export async function completeSubmission(db: StoreDb, id: string, now = Date.now()) {
  await db.updateTable("submissions").set({ completed_at: now }).where("id", "=", id).execute();
}

/**
 * Counts one attempt in `bucket`'s fixed window, atomically across replicas. Returns 0 when allowed,
 * else the seconds until the window ends.
 */
export async function takeRateLimit(
  db: StoreDb,
  bucket: string,
  limit: number,
  windowMs: number,
  now = Date.now(),
): Promise<number> {
  const windowStart = now - (now % windowMs);
  const row = await db
    .insertInto("rate_limits")
    .values({ bucket, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.columns(["bucket", "window_start"]).doUpdateSet({ count: sql`rate_limits.count + 1` }),
    )
    .returning("count")
    .executeTakeFirstOrThrow();
  if (Number(row.count) <= limit) return 0;
  return Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
}
