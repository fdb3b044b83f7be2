/**
 * The console's own tables. Times are epoch milliseconds; JSON is stored as text so both engines
 * (SQLite, PostgreSQL) hold the same bytes.
 */
export interface StoreTables {
  sessions: SessionsTable;
  submissions: SubmissionsTable;
  rate_limits: RateLimitsTable;
  ledger: LedgerTable;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's random session id (a stolen database gives no cookie). */
  id: string;
  user_name: string;
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

export interface LedgerTable {
  id: string;
  user_name: string;
  platform: string;
  /** The token's `jti`, when it has one. */
  token_id: string | null;
  /** base64url SHA-256 of the token; never the token. */
  fingerprint: string;
  /** JSON: the spec that was asked for. */
  requested: string;
  /** JSON: the scope the token carries (`loft.sh.scope`), null when unrestricted. */
  issued_scope: string | null;
  requested_ttl: number | null;
  issued_at: number;
  expires_at: number | null;
  /** The token's `loft.sh.gen` (absent counts as 0). */
  generation: number;
  note: string | null;
  /** JSON: what each wildcard in the scope reached when the token was issued. */
  reach: string | null;
  revoked_at: number | null;
}
