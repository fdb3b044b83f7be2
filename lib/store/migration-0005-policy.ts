import { type Kysely, type Migration } from "kysely";

/**
 * Migration `0005_policy` (listed in migrations.ts): the issuance policy console admins set, and
 * every change to it (who, when, before and after). Shipped: never edit.
 */
export const POLICY_MIGRATION: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("policy")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("document", "text", (c) => c.notNull())
      .addColumn("version", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addColumn("updated_by", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("policy_changes")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("principal", "text", (c) => c.notNull())
      .addColumn("version", "bigint", (c) => c.notNull())
      .addColumn("before", "text")
      .addColumn("after", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("policy_changes_at")
      .on("policy_changes")
      .columns(["at", "id"])
      .execute();
  },
};
