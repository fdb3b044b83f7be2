import { SqliteAdapter, sql, type Kysely, type Migration } from "kysely";
import { insertFactRows, ledgerFacts } from "@/lib/audit/facts";
import type { LedgerKind, StoreTables } from "./schema";

const BATCH = 500;

/** The ledger columns the audit's status and policy filters read. */
const FILTERED_COLUMNS = [
  "revoked_at",
  "expires_at",
  "kind",
  "lifetime_seconds",
  "unrestricted",
  "reaches_all_projects",
  "has_wildcard",
  "has_note",
];

/** Fills the policy facts of every ledger row written before this migration. */
async function backfill(db: Kysely<StoreTables>) {
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("ledger")
      .select(["id", "kind", "issued_scope", "requested_ttl", "issued_at", "expires_at", "note"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const facts = ledgerFacts({
        kind: row.kind as LedgerKind,
        issuedScope: row.issued_scope === null ? null : JSON.parse(row.issued_scope),
        requestedTtl: row.requested_ttl === null ? null : Number(row.requested_ttl),
        issuedAt: Number(row.issued_at),
        expiresAt: row.expires_at === null ? null : Number(row.expires_at),
        note: row.note,
      });
      await db.updateTable("ledger").set(facts.columns).where("id", "=", row.id).execute();
      await insertFactRows(db, row.id, facts);
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    after = last.id;
  }
}

/**
 * Migration `0006_audit` (listed in migrations.ts): the organisation audit. The ledger keeps what the
 * issuance policy judges of each entry (lib/audit/facts.ts: lifetime, unrestricted, reaches every
 * project, holds a wildcard, has a note; the projects and roles its scope names in two tables), so
 * that "violates the current policy" is a SQL predicate; existing rows are filled here, with the
 * evaluator of this release (should what it reads change, a later migration fills them again).
 * Indexes order the timeline by issue time (carrying the filtered columns, so counts read the index)
 * and by revocation time. A ledger row's facts go with it: a cascading foreign key on PostgreSQL, a
 * trigger on SQLite (whose foreign keys are off). Shipped: never edit.
 */
export const AUDIT_MIGRATION: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("ledger").addColumn("lifetime_seconds", "bigint").execute();
    for (const column of ["unrestricted", "reaches_all_projects", "has_wildcard", "has_note"])
      await db.schema
        .alterTable("ledger")
        .addColumn(column, "integer", (c) => c.notNull().defaultTo(0))
        .execute();
    for (const [table, column] of [
      ["ledger_projects", "project"],
      ["ledger_roles", "role"],
    ] as const) {
      await db.schema
        .createTable(table)
        .addColumn("entry_id", "text", (c) =>
          c.notNull().references("ledger.id").onDelete("cascade"),
        )
        .addColumn(column, "text", (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, ["entry_id", column])
        .execute();
    }
    // The project filter: the entries naming a project.
    await db.schema
      .createIndex("ledger_projects_project")
      .on("ledger_projects")
      .columns(["project", "entry_id"])
      .execute();
    // The audit's timeline, newest first (keyset on the event's time and the entry id), carrying what
    // the status and policy filters read: counting them reads this index, not the wide rows.
    await db.schema
      .createIndex("ledger_issued")
      .on("ledger")
      .columns(["issued_at", "id", ...FILTERED_COLUMNS])
      .execute();
    // Partial: an index on revoked_at for every row would lure SQLite (which keeps no statistics
    // here) into reading "revoked_at is null", nearly the whole ledger, through it.
    await db.schema
      .createIndex("ledger_revoked")
      .on("ledger")
      .columns(["revoked_at", "id"])
      .where("revoked_at", "is not", null)
      .execute();
    if (db.getExecutor().adapter instanceof SqliteAdapter)
      await sql`create trigger ledger_facts_follow after delete on ledger begin
          delete from ledger_projects where entry_id = old.id;
          delete from ledger_roles where entry_id = old.id;
        end`.execute(db);
    await backfill(db as Kysely<StoreTables>);
  },
};
