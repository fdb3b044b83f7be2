import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenStore } from "@/lib/store/store-db";
import {
  acquireResolutionSlot,
  releaseResolutionSlot,
  RESOLUTION_LEASE_MS,
  RESOLUTION_SLOTS,
} from "@/lib/store/resolution-slots";
import { STORE_ENGINES } from "@/tests/support/store-engines";

/**
 * At most two target resolutions per user at a time, however many replicas share the store: the
 * slot leases behave the same on SQLite and on PostgreSQL (the api project's throwaway server).
 */
const engines = STORE_ENGINES;

const T0 = Date.UTC(2026, 10, 1, 12);

describe.each(engines)("resolution slots on $name", (engine) => {
  let store: OpenStore;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(() => store.close());

  it("two slots per owner: a third acquire is refused; other owners are not affected", async () => {
    expect(RESOLUTION_SLOTS).toBe(2);
    const first = await acquireResolutionSlot(store.db, "alice", { now: T0 });
    const second = await acquireResolutionSlot(store.db, "alice", { now: T0 });
    expect([first?.slot, second?.slot]).toEqual([0, 1]);
    expect(await acquireResolutionSlot(store.db, "alice", { now: T0 + 1000 })).toBeUndefined();
    expect(await acquireResolutionSlot(store.db, "bob", { now: T0 })).toMatchObject({ slot: 0 });
  });

  it("a released slot can be taken again", async () => {
    const held = [
      await acquireResolutionSlot(store.db, "carol", { now: T0 }),
      await acquireResolutionSlot(store.db, "carol", { now: T0 }),
    ];
    await releaseResolutionSlot(store.db, held[1]!);
    const again = await acquireResolutionSlot(store.db, "carol", { now: T0 + 1 });
    expect(again).toMatchObject({ owner: "carol", slot: 1 });
    expect(await acquireResolutionSlot(store.db, "carol", { now: T0 + 2 })).toBeUndefined();
  });

  it("a lease never given back lapses and is taken over; its late release leaves the new holder's", async () => {
    const stale = await acquireResolutionSlot(store.db, "dave", { now: T0 });
    await acquireResolutionSlot(store.db, "dave", { now: T0 });
    expect(await acquireResolutionSlot(store.db, "dave", { now: T0 + 60_000 })).toBeUndefined();
    const later = T0 + RESOLUTION_LEASE_MS + 1;
    const taken = await acquireResolutionSlot(store.db, "dave", { now: later });
    expect(taken).toMatchObject({ slot: 0, expiresAt: later + RESOLUTION_LEASE_MS });
    await releaseResolutionSlot(store.db, stale!);
    // Slot 1 lapsed as well and may be taken; slot 0 is still the new holder's.
    expect(await acquireResolutionSlot(store.db, "dave", { now: later })).toMatchObject({
      slot: 1,
    });
    expect(await acquireResolutionSlot(store.db, "dave", { now: later })).toBeUndefined();
  });

  it("many acquires at once: exactly two win", async () => {
    const leases = await Promise.all(
      Array.from({ length: 8 }, () => acquireResolutionSlot(store.db, "erin", { now: T0 })),
    );
    expect(
      leases
        .filter(Boolean)
        .map((l) => l!.slot)
        .sort(),
    ).toEqual([0, 1]);
  });
});
