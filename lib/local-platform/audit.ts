import Database from "better-sqlite3";
import { dbPath } from "./platform-db";
import type { Store, TokenAuditRow } from "./store";

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

type Pending = { row: TokenAuditRow; done: () => void; fail: (error: unknown) => void };

/**
 * Records issued tokens with group commit: rows that arrive in the same turn of the event loop
 * (signatures finishing together under load) are written in one transaction, and each caller's
 * promise settles only after that transaction committed — so a token is acknowledged only once its
 * audit row is durable (WAL), at a fraction of the commits one transaction per row would need.
 */
export function createAuditLog(store: Store) {
  let queue: Pending[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    try {
      store.appendTokenAudit(batch.map((p) => p.row));
      for (const p of batch) p.done();
    } catch (error) {
      for (const p of batch) p.fail(error);
    }
  };
  return {
    record(row: TokenAuditRow): Promise<void> {
      return new Promise((done, fail) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ row, done, fail });
      });
    },
  };
}
