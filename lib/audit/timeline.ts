import * as z from "zod/mini";
import { IssuancePolicy, OPEN_POLICY } from "@/lib/policy/policy";
import type { StoreDb } from "@/lib/store/store-db";
import type { LedgerKind } from "@/lib/ledger/store";
import { entryCondition, policyRows, range, type AuditQuery } from "./conditions";
import { beyond, decodeCursor, encodeCursor, type Direction, type Key } from "./cursor";
import { filtersEntries } from "./filters";

export type { AuditQuery } from "./conditions";

/*
 * The organisation audit's timeline: every ledger entry's issue ("issued", at issued_at), every
 * revocation ("revoked", at revoked_at) and every policy change ("policy"), newest first. Each of the
 * three is read by its own index-ordered query, keyset-paged on (time, event, id) and merged; no
 * OFFSET, so a page costs the same at the end of 100,000 entries as at the start. The page and the
 * export both page through auditPage, so they hold the same events.
 */

export type AuditEventType = "issued" | "revoked" | "policy";

/** Order among events at the same millisecond (higher is newer): a revocation after its issue. */
const RANK: Record<AuditEventType, number> = { issued: 0, revoked: 1, policy: 2 };

/** What the audit reads of a ledger entry. */
export interface AuditEntry {
  id: string;
  kind: LedgerKind;
  credentialName: string | null;
  principal: string;
  fingerprint: string;
  tokenId: string | null;
  requested: unknown;
  issuedScope: unknown;
  requestedTtl: number | null;
  issuedAt: number;
  expiresAt: number | null;
  note: string | null;
  revokedAt: number | null;
}

export interface AuditPolicyChange {
  id: string;
  principal: string;
  version: number;
  before: IssuancePolicy | null;
  after: IssuancePolicy;
}

export type AuditEvent =
  | { type: "issued" | "revoked"; at: number; entry: AuditEntry }
  | { type: "policy"; at: number; change: AuditPolicyChange };

const eventId = (e: AuditEvent) => (e.type === "policy" ? e.change.id : e.entry.id);
const keyOf = (e: AuditEvent): Key => [e.at, RANK[e.type], eventId(e)];

export interface AuditPage {
  events: AuditEvent[];
  /** Cursor for the next older page, when there is one. */
  older?: string;
  /** Cursor for the next newer page, when this is not the newest. */
  newer?: string;
}

const ENTRY_COLUMNS = [
  "ledger.id",
  "ledger.kind",
  "ledger.credential_name",
  "ledger.principal",
  "ledger.fingerprint",
  "ledger.token_id",
  "ledger.requested",
  "ledger.issued_scope",
  "ledger.requested_ttl",
  "ledger.issued_at",
  "ledger.expires_at",
  "ledger.note",
  "ledger.revoked_at",
] as const;

/** The ledger rows of one event type the query selects. */
function ledgerRows(db: StoreDb, type: "issued" | "revoked", query: AuditQuery) {
  const at = type === "issued" ? "ledger.issued_at" : "ledger.revoked_at";
  const { from, to } = range(query.filters);
  let q = db.selectFrom("ledger").where(entryCondition(query));
  if (type === "revoked") q = q.where("ledger.revoked_at", "is not", null);
  if (from !== undefined) q = q.where(at, ">=", from);
  if (to !== undefined) q = q.where(at, "<", to);
  return { q, at } as const;
}

const num = (v: number | string | bigint | null) => (v === null ? null : Number(v));

async function ledgerEvents(
  db: StoreDb,
  type: "issued" | "revoked",
  query: AuditQuery,
  cursor: Key | undefined,
  direction: Direction,
  limit: number,
): Promise<AuditEvent[]> {
  const selected = ledgerRows(db, type, query);
  const at = selected.at;
  let q = selected.q;
  if (cursor)
    q = q.where((eb) => beyond(eb, { at, id: "ledger.id" }, RANK[type], cursor, direction));
  const order = direction === "older" ? "desc" : "asc";
  const rows = await q
    .select(ENTRY_COLUMNS)
    .orderBy(at, order)
    .orderBy("ledger.id", order)
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const entry: AuditEntry = {
      id: row.id,
      kind: row.kind === "accesskey" ? "accesskey" : "token",
      credentialName: row.credential_name,
      principal: row.principal,
      fingerprint: row.fingerprint,
      tokenId: row.token_id,
      requested: JSON.parse(row.requested),
      issuedScope: row.issued_scope === null ? null : JSON.parse(row.issued_scope),
      requestedTtl: num(row.requested_ttl),
      issuedAt: Number(row.issued_at),
      expiresAt: num(row.expires_at),
      note: row.note,
      revokedAt: num(row.revoked_at),
    };
    return { type, at: type === "issued" ? entry.issuedAt : entry.revokedAt!, entry };
  });
}

/** A stored policy document read leniently, as lib/policy/store.ts reads the one in force. */
function policyOf(document: string): IssuancePolicy {
  try {
    const parsed = z.safeParse(IssuancePolicy, JSON.parse(document));
    return parsed.success ? parsed.data : OPEN_POLICY;
  } catch {
    return OPEN_POLICY;
  }
}

async function policyEvents(
  db: StoreDb,
  query: AuditQuery,
  cursor: Key | undefined,
  direction: Direction,
  limit: number,
): Promise<AuditEvent[]> {
  // Policy changes are no entries: a filter on entries leaves them out.
  if (filtersEntries(query.filters)) return [];
  let q = policyRows(db, query);
  if (cursor)
    q = q.where((eb) =>
      beyond(
        eb,
        { at: "policy_changes.at", id: "policy_changes.id" },
        RANK.policy,
        cursor,
        direction,
      ),
    );
  const order = direction === "older" ? "desc" : "asc";
  const rows = await q
    .selectAll()
    .orderBy("policy_changes.at", order)
    .orderBy("policy_changes.id", order)
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    type: "policy",
    at: Number(row.at),
    change: {
      id: row.id,
      principal: row.principal,
      version: Number(row.version),
      before: row.before === null ? null : policyOf(row.before),
      after: policyOf(row.after),
    },
  }));
}

/**
 * One page of the audit, newest first: `after` a cursor for older events, `before` one for newer.
 * Each source gives at most limit + 1 events past the cursor; merged by (time, event) — a stable sort,
 * so events of one source keep its id order — the first `limit` are the page.
 */
export async function auditPage(
  db: StoreDb,
  query: AuditQuery,
  page: { after?: string; before?: string; limit?: number } = {},
): Promise<AuditPage> {
  const limit = page.limit ?? 50;
  const before = page.after ? undefined : decodeCursor(page.before);
  const direction: Direction = before ? "newer" : "older";
  const cursor = before ?? decodeCursor(page.after);
  const lists = await Promise.all([
    ledgerEvents(db, "issued", query, cursor, direction, limit + 1),
    ledgerEvents(db, "revoked", query, cursor, direction, limit + 1),
    policyEvents(db, query, cursor, direction, limit + 1),
  ]);
  const sign = direction === "older" ? -1 : 1;
  const merged = lists.flat().sort((a, b) => sign * (a.at - b.at || RANK[a.type] - RANK[b.type]));
  const more = merged.length > limit;
  const taken = merged.slice(0, limit);
  const events = direction === "older" ? taken : taken.reverse();
  const first = events[0];
  const last = events.at(-1);
  const edge = cursor ? encodeCursor(cursor) : undefined;
  if (direction === "older")
    return {
      events,
      older: more && last ? encodeCursor(keyOf(last)) : undefined,
      newer: cursor ? (first ? encodeCursor(keyOf(first)) : edge) : undefined,
    };
  return {
    events,
    older: last ? encodeCursor(keyOf(last)) : edge,
    newer: more && first ? encodeCursor(keyOf(first)) : undefined,
  };
}
