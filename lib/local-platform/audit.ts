import Database from "better-sqlite3";
import { dbPath } from "./db";

/** One issued token as recorded for audit; never the token itself. */
export interface TokenAuditRow {
  jti: string;
  user: string;
  /** The requested AccessKeyScope (null = unrestricted). */
  scope: unknown;
  iat: number;
  exp: number;
  remoteAddress: string;
}

function withDb<T>(dataDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(dbPath(dataDir), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The token audit log of the platform in `dataDir`, oldest first (for tests and operators). */
export function readTokenAudit(dataDir: string): TokenAuditRow[] {
  return withDb(dataDir, (db) =>
    (
      db
        .prepare(
          "SELECT jti, user, scope, iat, exp, remote_address FROM token_audit ORDER BY iat, jti",
        )
        .all() as Array<{
        jti: string;
        user: string;
        scope: string;
        iat: number;
        exp: number;
        remote_address: string;
      }>
    ).map((r) => ({
      jti: r.jti,
      user: r.user,
      scope: JSON.parse(r.scope) as unknown,
      iat: r.iat,
      exp: r.exp,
      remoteAddress: r.remote_address,
    })),
  );
}

/** `PRAGMA integrity_check` of the platform database: "ok" when healthy. */
export function checkIntegrity(dataDir: string): string {
  return withDb(dataDir, (db) =>
    (db.pragma("integrity_check") as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join("\n"),
  );
}
