import { PostgresAdapter, sql } from "kysely";
import type { StoreDb } from "@/lib/store/store-db";
import { entryCondition, policyRows, range, type AuditQuery, type LedgerEb } from "./conditions";
import { filtersEntries } from "./filters";
import type { AuditEventType } from "./timeline";

export type AuditCounts = Record<AuditEventType, number>;

/**
 * Runs a whole-ledger count without PostgreSQL's parallel workers: on a ledger of this size their
 * start-up costs more than they save, and on a busy server several times more (100,000 entries: a
 * serial scan of the covering index ~30 ms, the parallel plan it picks 90–170 ms). SQLite as is.
 */
async function serially<T>(db: StoreDb, count: (db: StoreDb) => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return count(db);
  return db.transaction().execute(async (tx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(tx);
    return count(tx);
  });
}

/**
 * How many events of each type the filtered audit holds: the issues and revocations in one pass over
 * the ledger (which the covering timeline index serves), the policy changes in another.
 */
export async function countAudit(db: StoreDb, query: AuditQuery): Promise<AuditCounts> {
  const { from, to } = range(query.filters);
  const within = (eb: LedgerEb, at: "ledger.issued_at" | "ledger.revoked_at") =>
    eb.and([
      ...(at === "ledger.revoked_at" ? [eb(at, "is not", null)] : []),
      ...(from === undefined ? [] : [eb(at, ">=", from)]),
      ...(to === undefined ? [] : [eb(at, "<", to)]),
    ]);
  const entries = async (on: StoreDb) => {
    const q = on.selectFrom("ledger").where(entryCondition(query));
    if (from === undefined && to === undefined) {
      const row = await q
        .select((eb) => [
          eb.fn.countAll<number>().as("issued"),
          eb.fn.count<number>("ledger.revoked_at").as("revoked"),
        ])
        .executeTakeFirstOrThrow();
      return { issued: Number(row.issued), revoked: Number(row.revoked) };
    }
    const row = await q
      .where((eb) => eb.or([within(eb, "ledger.issued_at"), within(eb, "ledger.revoked_at")]))
      .select((eb) => [
        eb.fn
          .sum<number>(eb.case().when(within(eb, "ledger.issued_at")).then(1).else(0).end())
          .as("issued"),
        eb.fn
          .sum<number>(eb.case().when(within(eb, "ledger.revoked_at")).then(1).else(0).end())
          .as("revoked"),
      ])
      .executeTakeFirstOrThrow();
    return { issued: Number(row.issued ?? 0), revoked: Number(row.revoked ?? 0) };
  };
  const policy = async () => {
    if (filtersEntries(query.filters)) return 0;
    const row = await policyRows(db, query)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const [{ issued, revoked }, changes] = await Promise.all([serially(db, entries), policy()]);
  return { issued, revoked, policy: changes };
}
