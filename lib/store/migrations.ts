import { sql, type Kysely, type Migration } from "kysely";
import { RESOLUTION_SLOTS_MIGRATION } from "./migration-0003-resolution-slots";
import { LEDGER_KIND_MIGRATION } from "./migration-0004-ledger-kind";
import { POLICY_MIGRATION } from "./migration-0005-policy";
import { AUDIT_MIGRATION } from "./migration-0006-audit";
import { NOTICES_MIGRATION } from "./migration-0007-notices";

/**
 * Versioned migrations, applied in name order by Kysely's Migrator (which holds a lock, so replicas
 * starting together migrate once). Append only: never edit a migration that has shipped.
 */
export const MIGRATIONS: Record<string, Migration> = {
  "0001_console_store": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("profile", "text", (c) => c.notNull())
        .addColumn("access_key", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_seen_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("sessions_user")
        .on("sessions")
        .columns(["user_name", "platform"])
        .execute();

      await db.schema
        .createTable("submissions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("completed_at", "bigint")
        .execute();

      await db.schema
        .createTable("rate_limits")
        .addColumn("bucket", "text", (c) => c.notNull())
        .addColumn("window_start", "bigint", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("rate_limits_pk", ["bucket", "window_start"])
        .execute();

      await db.schema
        .createTable("ledger")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("token_id", "text")
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("requested", "text", (c) => c.notNull())
        .addColumn("issued_scope", "text")
        .addColumn("requested_ttl", "bigint")
        .addColumn("issued_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint")
        .addColumn("generation", "bigint", (c) => c.notNull().defaultTo(0))
        .addColumn("note", "text")
        .addColumn("reach", "text")
        .addColumn("revoked_at", "bigint")
        .execute();
      // The ledger page: one user's tokens on one platform, newest first (keyset on issued_at, id).
      await db.schema
        .createIndex("ledger_user_issued")
        .on("ledger")
        .columns(["user_name", "platform", "issued_at", "id"])
        .execute();
      await db.schema
        .createIndex("ledger_fingerprint")
        .on("ledger")
        .column("fingerprint")
        .execute();
      await db.schema.createIndex("ledger_expires").on("ledger").column("expires_at").execute();
    },
  },
  "0002_principals": {
    // Sessions and ledger entries are keyed by principal (`user:<name>` / `team:<name>`) and the
    // platform's uid where it gives one. Rows from before were keyed by bare name; they are taken to
    // be users', as nearly all were (team keys could sign in, but were not told apart).
    async up(db: Kysely<unknown>) {
      for (const table of ["sessions", "ledger"]) {
        await db.schema
          .alterTable(table)
          .addColumn("principal", "text", (c) => c.notNull().defaultTo(""))
          .execute();
        await db.schema.alterTable(table).addColumn("principal_uid", "text").execute();
        await sql`update ${sql.table(table)} set principal = 'user:' || user_name`.execute(db);
      }
      await db.schema.dropIndex("sessions_user").execute();
      await db.schema
        .createIndex("sessions_principal")
        .on("sessions")
        .columns(["principal", "platform"])
        .execute();
      await db.schema.dropIndex("ledger_user_issued").execute();
      await db.schema
        .createIndex("ledger_principal_issued")
        .on("ledger")
        .columns(["principal", "platform", "issued_at", "id"])
        .execute();
    },
  },
  "0003_resolution_slots": RESOLUTION_SLOTS_MIGRATION,
  "0004_ledger_kind": LEDGER_KIND_MIGRATION,
  "0005_policy": POLICY_MIGRATION,
  "0006_audit": AUDIT_MIGRATION,
  "0007_notices": NOTICES_MIGRATION,
};
