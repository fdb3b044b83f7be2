import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { inject } from "vitest";
import { openStore, type StoreDb } from "@/lib/store/store-db";
import { createDatabase } from "@/tests/support/postgres";

/**
 * The console store's two engines, for tests that must behave the same on both: SQLite in a fresh
 * directory, and a fresh database on the throwaway PostgreSQL the api project starts
 * (tests/support/postgres-global-setup.ts).
 */
const sqliteFile = () =>
  path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dce-store-")), "console.db");
const postgresUrl = () => createDatabase(inject("postgresUrl"));

export const STORE_ENGINES = [
  {
    name: "sqlite",
    open: () => openStore({ sqliteFile: sqliteFile() }),
    /** A new, unmigrated database of this engine. */
    bare: async (): Promise<StoreDb> =>
      new Kysely({ dialect: new SqliteDialect({ database: new Database(sqliteFile()) }) }),
  },
  {
    name: "postgres",
    open: async () => openStore({ databaseUrl: await postgresUrl(), sqliteFile: "/nonexistent" }),
    bare: async (): Promise<StoreDb> =>
      new Kysely({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: await postgresUrl() }),
        }),
      }),
  },
] as const;
