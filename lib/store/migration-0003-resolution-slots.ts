import { type Kysely, type Migration } from "kysely";

/**
 * Migration `0003_resolution_slots` (listed in migrations.ts): the leases that bound how many target
 * resolutions one user runs at a time across replicas (resolution-slots.ts). Shipped: never edit.
 */
export const RESOLUTION_SLOTS_MIGRATION: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("resolution_slots")
      .addColumn("owner", "text", (c) => c.notNull())
      .addColumn("slot", "integer", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("resolution_slots_pk", ["owner", "slot"])
      .execute();
  },
};
