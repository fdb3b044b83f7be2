import { describeScope, type ScopeDescription } from "@/lib/scope/describe";
import { readScope, readScopeOrUndefined } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { ScopeUrlState } from "@/lib/scope/url-state";
import type { LedgerEntry } from "@/lib/ledger/store";

/** A ledger entry in words: its scope, a one-line title, and the builder state to issue it again. */

interface EntryScopes {
  issuedScope: unknown;
  requested: unknown;
  requestedTtl: number | null;
}

export type EntryScope =
  { state: "valid"; description: ScopeDescription } | { state: "unreadable"; issues: string[] };

const UNREADABLE = "A scope this console cannot read";

/** The scope the token carries (null = unrestricted), in plain words. */
export function entryScope(entry: Pick<EntryScopes, "issuedScope">): EntryScope {
  const read = readScope(entry.issuedScope);
  if (read.state === "invalid") return { state: "unreadable", issues: read.issues };
  return {
    state: "valid",
    description: describeScope(read.state === "valid" ? read.scope : undefined),
  };
}

const MAX_SUMMARY = 90;

/** One line for a title or a calendar event: "Project demo: all virtual clusters (…) and 2 more". */
export function scopeSummary(
  entry: Pick<EntryScopes, "issuedScope"> & { kind?: string },
  scope: EntryScope = entryScope(entry),
): string {
  if (scope.state === "unreadable") return UNREADABLE;
  const { kind, lines } = scope.description;
  const what = entry.kind === "accesskey" ? "access key" : "token";
  if (kind === "unrestricted") return `Unrestricted ${what}`;
  if (kind === "nothing") return `A${what === "token" ? "" : "n"} ${what} that reaches nothing`;
  const first = lines[0] ?? "";
  const more = lines.length > 1 ? ` and ${lines.length - 1} more` : "";
  const room = MAX_SUMMARY - more.length;
  return `${first.length > room ? `${first.slice(0, room - 1).trimEnd()}…` : first}${more}`;
}

/** The whole scope in one line: "Project demo: virtual cluster dev; Cluster eu-west-1". */
export function scopeInWords(issuedScope: unknown): string {
  const scope = entryScope({ issuedScope });
  if (scope.state === "unreadable") return UNREADABLE;
  const { kind, lines, headline } = scope.description;
  return kind === "scoped" ? lines.join("; ") : headline;
}

/** The note when there is one, else the scope summary (pass `scope` when it is already read). */
export function entryTitle(
  entry: Pick<EntryScopes, "issuedScope"> & { note: string | null; kind?: string },
  scope?: EntryScope,
) {
  return entry.note?.trim() || scopeSummary(entry, scope);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * What "Issue again with this scope" opens the builder with: the scope that was asked for, the
 * requested TTL and, for an access key, the access key credential. A scope that cannot be read falls
 * back to the issued one, then to an empty one — never to an unrestricted credential, which only an
 * entry asked for without any scope gets.
 */
export function reissueState(entry: EntryScopes & { kind?: string }): ScopeUrlState {
  const state = reissueScope(entry);
  return entry.kind === "accesskey" ? { ...state, credential: "accesskey" } : state;
}

function reissueScope(entry: EntryScopes): ScopeUrlState {
  const ttl = entry.requestedTtl ?? undefined;
  const asked = isRecord(entry.requested) ? entry.requested.scope : undefined;
  if (asked === undefined || asked === null) {
    const issued = readScopeOrUndefined(entry.issuedScope);
    // Nothing asked for and nothing issued: the token was unrestricted.
    if (entry.issuedScope === null || entry.issuedScope === undefined)
      return { scope: undefined, ttl };
    return { scope: issued ?? {}, ttl };
  }
  const scope: AccessKeyScope =
    readScopeOrUndefined(asked) ?? readScopeOrUndefined(entry.issuedScope) ?? {};
  return { scope, ttl };
}

/** What the console tells a user about one of their ledger entries (never the token itself). */
export interface LedgerSummary {
  id: string;
  /** Milliseconds since the epoch. */
  issuedAt: number;
  expiresAt: number | null;
  note: string | null;
  /** The scope the token carries, in words. */
  scope: string;
  revokedAt: number | null;
  /** The token generation it was issued under (`loft.sh.gen`, absent = 0). */
  generation: number;
}

export function ledgerSummary(entry: LedgerEntry): LedgerSummary {
  return {
    id: entry.id,
    issuedAt: entry.issuedAt,
    expiresAt: entry.expiresAt,
    note: entry.note,
    scope: scopeInWords(entry.issuedScope),
    revokedAt: entry.revokedAt,
    generation: entry.generation,
  };
}
