import crypto from "node:crypto";
import type { StoreDb } from "./db";
import { open, seal, sealedWithOlderKey, type KeyRing } from "./secret-box";

export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 60 * 60_000;
/** Last-seen is written at most this often per session (one write a minute, not one a request). */
const TOUCH_EVERY_MS = 60_000;

export interface StoredSession<P> {
  /** The store's id (hash of the cookie value); never the cookie value itself. */
  id: string;
  user: string;
  platform: string;
  profile: P;
  accessKey: string;
  createdAt: number;
  lastSeenAt: number;
}

const hashId = (cookieValue: string) =>
  crypto.createHash("sha256").update(cookieValue).digest("base64url");

/** Starts a session; returns the cookie value (shown to the browser only) and the stored session. */
export async function createSession<P>(
  db: StoreDb,
  ring: KeyRing,
  input: { user: string; platform: string; profile: P; accessKey: string },
  now = Date.now(),
): Promise<{ cookieValue: string; session: StoredSession<P> }> {
  const cookieValue = crypto.randomBytes(32).toString("base64url");
  const id = hashId(cookieValue);
  await db
    .insertInto("sessions")
    .values({
      id,
      user_name: input.user,
      platform: input.platform,
      profile: JSON.stringify(input.profile),
      access_key: seal(ring, input.accessKey),
      created_at: now,
      last_seen_at: now,
    })
    .execute();
  return {
    cookieValue,
    session: { id, ...input, createdAt: now, lastSeenAt: now },
  };
}

/**
 * The live session a cookie names, or null when it is unknown, ended, idle, too old or sealed under a
 * key no longer configured. Slides the idle window and re-seals under the current key as it goes.
 */
export async function readSession<P>(
  db: StoreDb,
  ring: KeyRing,
  cookieValue: string | undefined,
  now = Date.now(),
): Promise<StoredSession<P> | null> {
  if (!cookieValue || cookieValue.length > 100) return null;
  const id = hashId(cookieValue);
  const row = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  if (now - row.last_seen_at > IDLE_MS || now - row.created_at > ABSOLUTE_MS) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  const accessKey = open(ring, row.access_key);
  if (accessKey === null) return null;
  const reseal = sealedWithOlderKey(ring, row.access_key);
  if (reseal || now - row.last_seen_at >= TOUCH_EVERY_MS) {
    await db
      .updateTable("sessions")
      .set({
        last_seen_at: now,
        ...(reseal ? { access_key: seal(ring, accessKey) } : {}),
      })
      .where("id", "=", id)
      .execute();
  }
  return {
    id,
    user: row.user_name,
    platform: row.platform,
    profile: JSON.parse(row.profile) as P,
    accessKey,
    createdAt: row.created_at,
    lastSeenAt: reseal || now - row.last_seen_at >= TOUCH_EVERY_MS ? now : row.last_seen_at,
  };
}

/** Ends one session for good: its cookie, replayed, finds nothing. */
export async function endSession(db: StoreDb, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

/** Ends every session of a user on a platform; returns how many ended. */
export async function endUserSessions(
  db: StoreDb,
  user: string,
  platform: string,
): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where("user_name", "=", user)
    .where("platform", "=", platform)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Re-seals under the ring's current key every stored access key an older configured secret sealed
 * (after SESSION_SECRET rotated). Keys no configured secret opens are left alone: during a rolling
 * rotation they may belong to replicas already on a newer secret; here they simply do not open, and
 * pruning removes them once idle. Returns how many were re-sealed.
 */
export async function resealSessions(db: StoreDb, ring: KeyRing): Promise<number> {
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "access_key"])
    .where("access_key", "not like", `${ring.currentId}.%`)
    .execute();
  let resealed = 0;
  for (const row of rows) {
    const accessKey = open(ring, row.access_key);
    if (accessKey === null) continue;
    const result = await db
      .updateTable("sessions")
      .set({ access_key: seal(ring, accessKey) })
      .where("id", "=", row.id)
      .where("access_key", "=", row.access_key)
      .executeTakeFirst();
    resealed += Number(result.numUpdatedRows);
  }
  return resealed;
}
