import { type Kysely, type Migration } from "kysely";

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
};
