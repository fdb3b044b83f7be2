import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type MigrationProvider,
} from "kysely";
import { MIGRATIONS } from "./migrations";
import type { StoreTables } from "./schema";

export type StoreDb = Kysely<StoreTables>;
export type Engine = "sqlite" | "postgres";

export interface OpenStore {
  db: StoreDb;
  engine: Engine;
  close(): Promise<void>;
}

export interface StoreLocation {
  /** postgres://… — PostgreSQL; otherwise SQLite at `sqliteFile`. */
  databaseUrl?: string;
  sqliteFile: string;
}

const INT8_OID = 20;

function openSqlite(file: string): StoreDb {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Created 0600 before SQLite opens it: it holds sessions (encrypted keys) and the ledger.
  fs.closeSync(fs.openSync(file, "a", 0o600));
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  // WAL + NORMAL survives a killed process (not a power cut) without an fsync per commit.
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  return new Kysely<StoreTables>({ dialect: new SqliteDialect({ database }) });
}

/** PostgreSQL through `pg`, loaded only when DATABASE_URL is set. */
async function openPostgres(url: string): Promise<StoreDb> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // int8 columns hold epoch milliseconds: read them as numbers, not strings.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  return new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) });
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Whether the store has run exactly the migrations this build knows, read from the Migrator's own
 * table: the usual start, with nothing to do. False when the table is not there yet (a new store),
 * a migration is pending, or the store ran one this build does not know; the Migrator then decides
 * (and refuses the last). Rows appear only as their migration commits, so replicas starting together
 * never skip one that is under way.
 */
async function hasRunAll(db: StoreDb): Promise<boolean> {
  try {
    const { rows } = await sql<{
      name: string;
    }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
    const known = Object.keys(MIGRATIONS).sort();
    return rows.length === known.length && rows.every((row, i) => row.name === known[i]);
  } catch {
    return false;
  }
}

/**
 * Runs every pending migration; throws with the failing migration's name. A store already up to
 * date is left alone without starting the Migrator (its lock and schema checks cost a start about
 * 15 ms).
 */
export async function migrate(db: StoreDb): Promise<void> {
  if (await hasRunAll(db)) return;
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(
      `The console store could not be migrated${failed ? ` (${failed})` : ""}: ${String(
        error instanceof Error ? error.message : error,
      )}`,
      { cause: error },
    );
  }
}

/** Opens and migrates the store: PostgreSQL when a URL is given, else SQLite. */
export async function openStore(location: StoreLocation): Promise<OpenStore> {
  const engine: Engine = location.databaseUrl ? "postgres" : "sqlite";
  const db = location.databaseUrl
    ? await openPostgres(location.databaseUrl)
    : openSqlite(location.sqliteFile);
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, engine, close: () => db.destroy() };
}
