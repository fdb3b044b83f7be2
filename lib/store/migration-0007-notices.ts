import { sql, type Kysely, type Migration } from "kysely";

/**
 * Migration `0007_notices` (listed in migrations.ts): the outbox of expiry and revocation notices
 * (lib/notices), one row per entry, event and threshold, and every delivery attempt made for them.
 * The notifier's look for recent revocations uses 0006's `ledger_revoked` index. Shipped: never edit.
 */
export const NOTICES_MIGRATION: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("notices")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("entry_id", "text", (c) => c.notNull())
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("threshold", "bigint", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("next_attempt_at", "bigint")
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("claimed_by", "text")
      .addColumn("claimed_until", "bigint")
      .addColumn("delivered_at", "bigint")
      .addColumn("dropped_at", "bigint")
      .addColumn("last_error", "text")
      .addUniqueConstraint("notices_once", ["entry_id", "event", "threshold"])
      .execute();
    // What is due: only notices still to send keep a next_attempt_at.
    await db.schema
      .createIndex("notices_due")
      .on("notices")
      .column("next_attempt_at")
      .where(sql.ref("next_attempt_at"), "is not", null)
      .execute();
    // The admin page: newest first (keyset on created_at, id).
    await db.schema
      .createIndex("notices_created")
      .on("notices")
      .columns(["created_at", "id"])
      .execute();

    await db.schema
      .createTable("notice_attempts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("notice_id", "text", (c) => c.notNull())
      .addColumn("number", "integer", (c) => c.notNull())
      .addColumn("worker", "text", (c) => c.notNull())
      .addColumn("started_at", "bigint", (c) => c.notNull())
      .addColumn("finished_at", "bigint")
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("http_status", "integer")
      .addColumn("error", "text")
      .addColumn("duration_ms", "bigint")
      .execute();
    await db.schema
      .createIndex("notice_attempts_notice")
      .on("notice_attempts")
      .columns(["notice_id", "number"])
      .execute();
  },
};
