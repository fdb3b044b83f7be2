import type { StoreDb } from "./store-db";

/**
 * How many target resolutions one owner runs at a time, across every replica sharing the store:
 * each running resolution holds one of `RESOLUTION_SLOTS` numbered slots, as a lease. A lease is
 * given back when the resolution ends; one whose process died lapses after `leaseMs` and is taken over.
 */
export const RESOLUTION_SLOTS = 2;
export const RESOLUTION_LEASE_MS = 2 * 60_000;

export interface SlotLease {
  owner: string;
  slot: number;
  expiresAt: number;
}

/** Takes a free (or lapsed) slot of `owner`'s; undefined when every slot is held. */
export async function acquireResolutionSlot(
  db: StoreDb,
  owner: string,
  { now = Date.now(), leaseMs = RESOLUTION_LEASE_MS }: { now?: number; leaseMs?: number } = {},
): Promise<SlotLease | undefined> {
  const expiresAt = now + leaseMs;
  for (let slot = 0; slot < RESOLUTION_SLOTS; slot++) {
    const inserted = await db
      .insertInto("resolution_slots")
      .values({ owner, slot, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(["owner", "slot"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { owner, slot, expiresAt };
    const taken = await db
      .updateTable("resolution_slots")
      .set({ expires_at: expiresAt })
      .where("owner", "=", owner)
      .where("slot", "=", slot)
      .where("expires_at", "<", now)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return { owner, slot, expiresAt };
  }
  return undefined;
}

/** Gives a lease back; a lease that lapsed and was taken over by another is left to its holder. */
export async function releaseResolutionSlot(db: StoreDb, lease: SlotLease): Promise<void> {
  await db
    .deleteFrom("resolution_slots")
    .where("owner", "=", lease.owner)
    .where("slot", "=", lease.slot)
    .where("expires_at", "=", lease.expiresAt)
    .execute();
}
