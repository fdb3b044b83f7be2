import type { ColumnType } from "kysely";

/**
 * The console's own tables. Times are epoch milliseconds; JSON is stored as text so both engines
 * (SQLite, PostgreSQL) hold the same bytes.
 */
export interface StoreTables {
  sessions: SessionsTable;
  submissions: SubmissionsTable;
  rate_limits: RateLimitsTable;
  ledger: LedgerTable;
  resolution_slots: ResolutionSlotsTable;
  policy: PolicyTable;
  policy_changes: PolicyChangesTable;
  ledger_projects: LedgerProjectsTable;
  ledger_roles: LedgerRolesTable;
  notices: NoticesTable;
  notice_attempts: NoticeAttemptsTable;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's random session id (a stolen database gives no cookie). */
  id: string;
  /** The principal's bare name (shown); records are keyed by `principal`. */
  user_name: string;
  /** `user:<name>` or `team:<name>`: whose session this is. */
  principal: string;
  /** The platform's uid for the principal (`Self.status.uid`), when it gave one. */
  principal_uid: string | null;
  /** The management API base URL the session signed in to. */
  platform: string;
  /** JSON: who the key belongs to and what it may do, as read at sign-in. */
  profile: string;
  /** The access key, AES-256-GCM encrypted under a key derived from SESSION_SECRET. */
  access_key: string;
  created_at: number;
  last_seen_at: number;
}

export interface SubmissionsTable {
  /** Session id and the form's submission id: one token per submission. */
  id: string;
  created_at: number;
  /** Set once the submission's outcome is recorded; a claim without it may be taken over later. */
  completed_at: number | null;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: number;
  count: number;
}

/** What a ledger row records: a Direct Cluster Endpoint Token or an access key. */
export type LedgerKind = "token" | "accesskey";

export interface LedgerTable {
  id: string;
  /** Which credential (migration 0004; rows from before are tokens). */
  kind: ColumnType<LedgerKind, LedgerKind | undefined, LedgerKind>;
  /** An access key's `metadata.name`; null for tokens, which have no name. */
  credential_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** The principal's bare name (shown); entries are keyed by `principal`. */
  user_name: string;
  /** `user:<name>` or `team:<name>`: who issued it. */
  principal: string;
  /** The platform's uid for the principal, when it gave one. */
  principal_uid: string | null;
  platform: string;
  /** A token's `jti`, when it has one (null for access keys). */
  token_id: string | null;
  /** base64url SHA-256 of the token or access key; never the secret. */
  fingerprint: string;
  /** JSON: the spec that was asked for. */
  requested: string;
  /**
   * JSON: the scope the token carries (`loft.sh.scope`) or the created key's `spec.scope`, null when
   * unrestricted.
   */
  issued_scope: string | null;
  requested_ttl: number | null;
  issued_at: number;
  expires_at: number | null;
  /** The token's `loft.sh.gen` (absent counts as 0); 0 for access keys, which have none. */
  generation: number;
  note: string | null;
  /** JSON: what each wildcard in the scope reached when the token was issued. */
  reach: string | null;
  revoked_at: number | null;
  /*
   * What the issuance policy judges, kept for the audit's "violates policy" filter (migration 0006,
   * lib/audit/facts.ts; written by recordIssued, so a row written any other way fills them itself).
   */
  /** Seconds the credential lives: the ttl asked for, else expiry minus issue time; null = none. */
  lifetime_seconds: ColumnType<number | null, number | null | undefined, number | null>;
  /** 1 when it carries no scope. */
  unrestricted: ColumnType<number, number | undefined, number>;
  /** 1 when the scope reaches every project (`*`, or no scope at all). */
  reaches_all_projects: ColumnType<number, number | undefined, number>;
  /** 1 when the scope holds a `*` the policy's "forbid wildcards" refuses. */
  has_wildcard: ColumnType<number, number | undefined, number>;
  /** 1 when the note has more than white space. */
  has_note: ColumnType<number, number | undefined, number>;
}

/** The projects a ledger entry's scope names (not `*`), for the audit (lib/audit/facts.ts). */
export interface LedgerProjectsTable {
  entry_id: string;
  project: string;
}

/** The roles a ledger entry's scope names (`allowLoftCli` as `loft-cli`), for the audit. */
export interface LedgerRolesTable {
  entry_id: string;
  role: string;
}

/** A lease on one of a user's concurrent target resolutions (lib/store/resolution-slots.ts). */
export interface ResolutionSlotsTable {
  owner: string;
  slot: number;
  /** When the lease lapses if it is never given back (its process died); also names the lease. */
  expires_at: number;
}

/** The issuance policy (one row, id `current`; lib/policy/store.ts). */
export interface PolicyTable {
  id: string;
  /** JSON: the IssuancePolicy (lib/policy/policy.ts). */
  document: string;
  /** Raised by one on every save: a save made against an older version is refused. */
  version: number;
  updated_at: number;
  /** Principal key of the admin who saved it. */
  updated_by: string;
}

/** Every saved change to the policy, kept for the audit. */
export interface PolicyChangesTable {
  id: string;
  at: number;
  /** Principal key of the admin who saved it. */
  principal: string;
  /** The version this change made. */
  version: number;
  /** JSON: the policy before (null for the first save). */
  before: string | null;
  /** JSON: the policy after. */
  after: string;
}

/** What a notice tells: a credential is about to expire, or was revoked. */
export type NoticeEvent = "expiring" | "revoked";

/** One expiry or revocation notice in the outbox (lib/notices/outbox.ts). */
export interface NoticesTable {
  id: string;
  /** The ledger entry it is about. */
  entry_id: string;
  event: NoticeEvent;
  /** Seconds before expiry it was made for; 0 for a revocation. Unique with entry_id and event. */
  threshold: number;
  /** JSON: the entry as it was when the notice was made (never a secret: the ledger has none). */
  payload: string;
  created_at: number;
  /** When it is next due; also the end of a claim's lease. Null once delivered or dropped. */
  next_attempt_at: number | null;
  /** Attempts started so far. */
  attempts: number;
  /** The claim (one notifier pass) that holds it; only that claim settles it. */
  claimed_by: string | null;
  claimed_until: number | null;
  delivered_at: number | null;
  /** Set when it will never be sent: retries ran out, or it stopped being true before delivery. */
  dropped_at: number | null;
  /** The last failure, or why it was dropped. */
  last_error: string | null;
}

/** How a delivery attempt ended; `sending` until it has (and forever, if its worker died). */
export type NoticeOutcome = "sending" | "delivered" | "failed";

/** One attempt to deliver a notice, kept for admins. */
export interface NoticeAttemptsTable {
  id: string;
  notice_id: string;
  /** 1 for the first attempt. */
  number: number;
  /** Which replica and notifier made it. */
  worker: string;
  started_at: number;
  finished_at: number | null;
  outcome: NoticeOutcome;
  http_status: number | null;
  error: string | null;
  duration_ms: number | null;
}
