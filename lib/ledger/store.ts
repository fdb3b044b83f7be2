import crypto from "node:crypto";
import type {
  Expression,
  ExpressionBuilder,
  Selectable,
  SqlBool,
  UpdateQueryBuilder,
  UpdateResult,
} from "kysely";
import type { StoreDb } from "@/lib/store/store-db";
import { insertFactRows, ledgerFacts } from "@/lib/audit/facts";
import { completeSubmission } from "@/lib/store/guards";
import type { LedgerKind, LedgerTable, StoreTables } from "@/lib/store/schema";

export type { LedgerKind } from "@/lib/store/schema";

/*
 * The issuance ledger: one row per token or access key issued through the console (never the secret,
 * only its SHA-256 fingerprint), recorded together with its submission's completion, and read for
 * the Issued tokens page (keyset pages, filters and counts from FILTER_CONDITIONS), recognition by
 * fingerprint, reminders and revocation marks (tokens by generation: markRevoked; access keys
 * deleted through the console: markAccessKeyDeleted).
 */

export const EXPIRING_WITHIN_MS = 7 * 86_400_000;

export type LedgerFilter = "all" | "active" | "expiring" | "expired" | "revoked";
export interface LedgerEntry {
  id: string;
  /** A Direct Cluster Endpoint Token or an access key. */
  kind: LedgerKind;
  /** An access key's `metadata.name`; null for a token. */
  credentialName: string | null;
  /** Who issued it: `user:<name>` or `team:<name>` (lib/session/principal.ts). */
  principal: string;
  /** The platform's uid for the principal, when it gave one. */
  principalUid: string | null;
  /** The principal's bare name. */
  user: string;
  platform: string;
  tokenId: string | null;
  fingerprint: string;
  requested: unknown;
  issuedScope: unknown;
  requestedTtl: number | null;
  issuedAt: number;
  expiresAt: number | null;
  generation: number;
  note: string | null;
  reach: unknown;
  revokedAt: number | null;
}

/** A new entry; without `kind` it records a token. */
export type NewLedgerEntry = Omit<
  LedgerEntry,
  "id" | "revokedAt" | "reach" | "kind" | "credentialName"
> &
  Partial<Pick<LedgerEntry, "kind" | "credentialName">>;

/** base64url SHA-256 of a token or access key: what the ledger keeps instead of the secret. */
export function fingerprintOf(token: string): string {
  return crypto.createHash("sha256").update(token.trim()).digest("base64url");
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

function fromRow(row: Selectable<LedgerTable>): LedgerEntry {
  return {
    id: row.id,
    kind: row.kind === "accesskey" ? "accesskey" : "token",
    credentialName: row.credential_name ?? null,
    principal: row.principal,
    principalUid: row.principal_uid,
    user: row.user_name,
    platform: row.platform,
    tokenId: row.token_id,
    fingerprint: row.fingerprint,
    requested: JSON.parse(row.requested),
    issuedScope: row.issued_scope === null ? null : JSON.parse(row.issued_scope),
    requestedTtl: row.requested_ttl,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    generation: row.generation,
    note: row.note,
    reach: row.reach === null ? null : JSON.parse(row.reach),
    revokedAt: row.revoked_at,
  };
}

/**
 * Records an issued token or access key, and completes the form submission that issued it in the
 * same transaction: once this returns, the entry survives the process being killed.
 */
export async function recordIssued(
  db: StoreDb,
  entry: NewLedgerEntry,
  submissionId?: string,
  now = Date.now(),
): Promise<LedgerEntry> {
  const id = crypto.randomUUID();
  const kind = entry.kind ?? "token";
  const credentialName = entry.credentialName ?? null;
  const facts = ledgerFacts({ ...entry, kind });
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("ledger")
      .values({
        id,
        kind,
        credential_name: credentialName,
        user_name: entry.user,
        principal: entry.principal,
        principal_uid: entry.principalUid,
        platform: entry.platform,
        token_id: entry.tokenId,
        fingerprint: entry.fingerprint,
        requested: JSON.stringify(entry.requested ?? {}),
        issued_scope: json(entry.issuedScope),
        requested_ttl: entry.requestedTtl,
        issued_at: entry.issuedAt,
        expires_at: entry.expiresAt,
        generation: entry.generation,
        note: entry.note,
        reach: null,
        revoked_at: null,
        ...facts.columns,
      })
      .execute();
    await insertFactRows(tx, id, facts);
    if (submissionId) await completeSubmission(tx, submissionId, now);
  });
  return { ...entry, id, kind, credentialName, reach: null, revokedAt: null };
}

/** Stores what the scope's wildcards reached at issue time (computed after the response). */
export async function setReach(db: StoreDb, id: string, reach: unknown): Promise<void> {
  await db
    .updateTable("ledger")
    .set({ reach: json(reach) })
    .where("id", "=", id)
    .execute();
}

/**
 * Whose entries: a principal's (`user:<name>` / `team:<name>`) on one platform. With a uid, entries
 * of an earlier principal of the same name (recorded under another uid) are not theirs.
 */
export interface Owner {
  principal: string;
  uid?: string;
  platform: string;
}

const ownedBy =
  (owner: Owner) =>
  (eb: ExpressionBuilder<StoreTables, "ledger">): Expression<SqlBool> =>
    eb.and([
      eb("principal", "=", owner.principal),
      eb("platform", "=", owner.platform),
      ...(owner.uid
        ? [eb.or([eb("principal_uid", "is", null), eb("principal_uid", "=", owner.uid)])]
        : []),
    ]);

function mine(db: StoreDb, owner: Owner) {
  return db.selectFrom("ledger").where(ownedBy(owner));
}

type LedgerQuery = ReturnType<typeof mine>;

/** What each filter means, once: for the page's list, its counts and revocation alike. */
const FILTER_CONDITIONS: Record<
  Exclude<LedgerFilter, "all">,
  (eb: ExpressionBuilder<StoreTables, "ledger">, now: number) => Expression<SqlBool>
> = {
  revoked: (eb) => eb("revoked_at", "is not", null),
  expired: (eb, now) => eb.and([eb("revoked_at", "is", null), eb("expires_at", "<=", now)]),
  active: (eb, now) =>
    eb.and([
      eb("revoked_at", "is", null),
      eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]),
    ]),
  expiring: (eb, now) =>
    eb.and([
      eb("revoked_at", "is", null),
      eb("expires_at", ">", now),
      eb("expires_at", "<=", now + EXPIRING_WITHIN_MS),
    ]),
};

function filtered(q: LedgerQuery, filter: LedgerFilter, now: number): LedgerQuery {
  return filter === "all" ? q : q.where((eb) => FILTER_CONDITIONS[filter](eb, now));
}

export interface LedgerPage {
  entries: LedgerEntry[];
  /** Opaque cursor for the next (older) page, when there is one. */
  next?: string;
}

const encodeCursor = (e: LedgerEntry) =>
  Buffer.from(JSON.stringify([e.issuedAt, e.id])).toString("base64url");

function decodeCursor(cursor: string | undefined): [number, string] | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      typeof value[0] === "number" &&
      typeof value[1] === "string" &&
      value.length === 2
    )
      return [value[0], value[1]];
  } catch {
    // fall through: a bad cursor starts from the newest entry
  }
  return undefined;
}

/** One page of a user's ledger, newest first (keyset pagination on issued_at, id). */
export async function listLedger(
  db: StoreDb,
  owner: Owner,
  options: { filter?: LedgerFilter; limit?: number; cursor?: string; now?: number } = {},
): Promise<LedgerPage> {
  const { filter = "all", limit = 50, now = Date.now() } = options;
  let q = filtered(mine(db, owner), filter, now);
  const after = decodeCursor(options.cursor);
  if (after) {
    const [issuedAt, id] = after;
    q = q.where((eb) =>
      eb.or([
        eb("issued_at", "<", issuedAt),
        eb.and([eb("issued_at", "=", issuedAt), eb("id", "<", id)]),
      ]),
    );
  }
  const rows = await q
    .selectAll()
    .orderBy("issued_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  const entries = rows.slice(0, limit).map(fromRow);
  const last = entries.at(-1);
  return { entries, next: rows.length > limit && last ? encodeCursor(last) : undefined };
}

/** How many of a user's entries each filter holds. */
export async function countLedger(
  db: StoreDb,
  owner: Owner,
  now = Date.now(),
): Promise<Record<LedgerFilter, number>> {
  const countWhere = (
    eb: ExpressionBuilder<StoreTables, "ledger">,
    filter: Exclude<LedgerFilter, "all">,
  ) =>
    eb.fn
      .sum<number>(eb.case().when(FILTER_CONDITIONS[filter](eb, now)).then(1).else(0).end())
      .as(filter);
  const row = await mine(db, owner)
    .select((eb) => [
      eb.fn.countAll<number>().as("all"),
      countWhere(eb, "revoked"),
      countWhere(eb, "active"),
      countWhere(eb, "expiring"),
      countWhere(eb, "expired"),
    ])
    .executeTakeFirstOrThrow();
  return {
    all: Number(row.all ?? 0),
    active: Number(row.active ?? 0),
    expiring: Number(row.expiring ?? 0),
    expired: Number(row.expired ?? 0),
    revoked: Number(row.revoked ?? 0),
  };
}

/**
 * Every active entry (for the calendar of active credentials), or only those of one `kind` (the
 * tokens "Revoke all" ends).
 */
export async function activeEntries(
  db: StoreDb,
  owner: Owner,
  now = Date.now(),
  kind?: LedgerKind,
) {
  let q = filtered(mine(db, owner), "active", now);
  if (kind) q = q.where("kind", "=", kind);
  const rows = await q.selectAll().orderBy("issued_at", "desc").orderBy("id", "desc").execute();
  return rows.map(fromRow);
}

export async function getEntry(db: StoreDb, owner: Owner, id: string) {
  const row = await mine(db, owner).selectAll().where("id", "=", id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** The signed-in user's entry for a token fingerprint (the inspector's "issued by you"). */
export async function findByFingerprint(db: StoreDb, owner: Owner, fingerprint: string) {
  const row = await mine(db, owner)
    .selectAll()
    .where("fingerprint", "=", fingerprint)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/**
 * Marks revoked every active token entry whose generation is below `generation` (the user's token
 * generation was raised to it). Returns how many were marked. Access keys are left alone: raising
 * the token generation does not end them (they are disabled or deleted on the platform instead).
 */
export async function markRevoked(
  db: StoreDb,
  owner: Owner,
  generation: number,
  now = Date.now(),
): Promise<number> {
  return revokeEntries(db, owner, now, (q) =>
    q
      .where("kind", "=", "token")
      .where("generation", "<", generation)
      .where((eb) => FILTER_CONDITIONS.active(eb, now)),
  );
}

/**
 * Marks revoked the entry of an access key deleted through the console (`metadata.name`, owned by
 * `owner`), so the audit and the revocation notices see it. Returns how many were marked (0 for a
 * key the console did not create).
 */
export async function markAccessKeyDeleted(
  db: StoreDb,
  owner: Owner,
  name: string,
  now = Date.now(),
): Promise<number> {
  return revokeEntries(db, owner, now, (q) =>
    q
      .where("kind", "=", "accesskey")
      .where("credential_name", "=", name)
      .where("revoked_at", "is", null),
  );
}

type RevokeQuery = UpdateQueryBuilder<StoreTables, "ledger", "ledger", UpdateResult>;

/** Sets `revoked_at` on `owner`'s entries that `narrow` picks; returns how many. */
async function revokeEntries(
  db: StoreDb,
  owner: Owner,
  now: number,
  narrow: (query: RevokeQuery) => RevokeQuery,
): Promise<number> {
  const query = db.updateTable("ledger").set({ revoked_at: now }).where(ownedBy(owner));
  const result = await narrow(query).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
