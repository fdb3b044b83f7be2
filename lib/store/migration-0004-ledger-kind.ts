import { type Kysely, type Migration } from "kysely";

/**
 * Migration `0004_ledger_kind` (listed in migrations.ts): the ledger records access keys as well as
 * tokens. `kind` says which ("token" for every row written before), `credential_name` holds an
 * access key's `metadata.name` (null for tokens). Shipped: never edit.
 */
export const LEDGER_KIND_MIGRATION: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("ledger")
      .addColumn("kind", "text", (c) => c.notNull().defaultTo("token"))
      .execute();
    await db.schema.alterTable("ledger").addColumn("credential_name", "text").execute();
  },
};
