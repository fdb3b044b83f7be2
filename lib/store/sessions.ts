import crypto from "node:crypto";
import { principalKey, type Principal } from "@/lib/session/principal";
import type { StoreDb } from "./store-db";
import { open, seal, sealedWithOlderKey, type KeyRing } from "./secret-box";

export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 60 * 60_000;
/** Last-seen is written at most this often per session (one write a minute, not one a request). */
const TOUCH_EVERY_MS = 60_000;

export interface StoredSession<P> {
  /** The store's id (hash of the cookie value); never the cookie value itself. */
  id: string;
  principal: Principal;
  platform: string;
  profile: P;
  accessKey: string;
  createdAt: number;
  lastSeenAt: number;
}

const hashId = (cookieValue: string) =>
  crypto.createHash("sha256").update(cookieValue).digest("base64url");

/**
 * What a sealed key is bound to: its session and principal. A box moved into another session's row
 * (by someone who can write the store but lacks SESSION_SECRET) does not open there.
 */
export const sealedFor = (id: string, principal: string) => `session ${id} of ${principal}`;

/**
 * Starts a session; returns the cookie value (shown to the browser only) and the stored session.
 * The sessions the browser presented (`replacing`, their cookie values) end in the same
 * transaction: signing in again never leaves the previous session alive.
 */
export async function createSession<P>(
  db: StoreDb,
  ring: KeyRing,
  input: {
    principal: Principal;
    platform: string;
    profile: P;
    accessKey: string;
    replacing?: readonly string[];
  },
  now = Date.now(),
): Promise<{ cookieValue: string; session: StoredSession<P> }> {
  const cookieValue = crypto.randomBytes(32).toString("base64url");
  const id = hashId(cookieValue);
  const key = principalKey(input.principal);
  await db.transaction().execute(async (tx) => {
    const presented = (input.replacing ?? []).filter((v) => v.length <= 100).map(hashId);
    if (presented.length) await tx.deleteFrom("sessions").where("id", "in", presented).execute();
    await tx
      .insertInto("sessions")
      .values({
        id,
        user_name: input.principal.name,
        principal: key,
        principal_uid: input.principal.uid ?? null,
        platform: input.platform,
        profile: JSON.stringify(input.profile),
        access_key: seal(ring, input.accessKey, sealedFor(id, key)),
        created_at: now,
        last_seen_at: now,
      })
      .execute();
  });
  const { principal, platform, profile, accessKey } = input;
  return {
    cookieValue,
    session: { id, principal, platform, profile, accessKey, createdAt: now, lastSeenAt: now },
  };
}

/** The principal a session row belongs to. */
function principalOfRow(row: { principal: string; principal_uid: string | null }): Principal {
  const at = row.principal.indexOf(":");
  const kind = row.principal.slice(0, at) === "team" ? "Team" : "User";
  return {
    kind,
    name: row.principal.slice(at + 1),
    ...(row.principal_uid ? { uid: row.principal_uid } : {}),
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
  const binding = sealedFor(id, row.principal);
  const accessKey = open(ring, row.access_key, binding);
  if (accessKey === null) return null;
  const reseal = sealedWithOlderKey(ring, row.access_key);
  if (reseal || now - row.last_seen_at >= TOUCH_EVERY_MS) {
    await db
      .updateTable("sessions")
      .set({
        last_seen_at: now,
        ...(reseal ? { access_key: seal(ring, accessKey, binding) } : {}),
      })
      .where("id", "=", id)
      .execute();
  }
  return {
    id,
    principal: principalOfRow(row),
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

/**
 * Ends every session of a principal on a platform; returns how many ended. With a uid, sessions of
 * an earlier principal of the same name (another uid) are not its to end.
 */
export async function endPrincipalSessions(
  db: StoreDb,
  principal: Principal,
  platform: string,
): Promise<number> {
  let q = db
    .deleteFrom("sessions")
    .where("principal", "=", principalKey(principal))
    .where("platform", "=", platform);
  if (principal.uid)
    q = q.where((eb) =>
      eb.or([eb("principal_uid", "is", null), eb("principal_uid", "=", principal.uid!)]),
    );
  const result = await q.executeTakeFirst();
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
    .select(["id", "principal", "access_key"])
    .where("access_key", "not like", `${ring.currentId}.%`)
    .execute();
  let resealed = 0;
  for (const row of rows) {
    const binding = sealedFor(row.id, row.principal);
    const accessKey = open(ring, row.access_key, binding);
    if (accessKey === null) continue;
    const result = await db
      .updateTable("sessions")
      .set({ access_key: seal(ring, accessKey, binding) })
      .where("id", "=", row.id)
      .where("access_key", "=", row.access_key)
      .executeTakeFirst();
    resealed += Number(result.numUpdatedRows);
  }
  return resealed;
}
