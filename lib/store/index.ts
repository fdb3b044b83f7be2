import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig, type Config } from "@/lib/config";
import { openStore, type Engine, type StoreDb } from "./store-db";
import { prune } from "./prune";
import { keyRing, type KeyRing } from "./secret-box";
import { resealSessions } from "./sessions";

/**
 * The console's own store, one per process: sessions, the issuance ledger and the guards every
 * replica shares. SQLite in DATA_DIR by default; PostgreSQL when DATABASE_URL is set.
 */
export interface ConsoleStore {
  db: StoreDb;
  engine: Engine;
  ring: KeyRing;
  close(): Promise<void>;
}

const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * SESSION_SECRET, or (when unset, single instance only) one generated on first start and kept in
 * DATA_DIR, so sessions survive restarts.
 */
function sessionSecret(config: Config): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const file = path.join(config.DATA_DIR, "session-secret");
  fs.mkdirSync(config.DATA_DIR, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), {
      mode: 0o600,
      flag: "wx",
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(file, "utf8").trim();
}

function storeFile(config: Config): string {
  return path.join(config.DATA_DIR, "console.db");
}

/** Opens the store for a configuration: migrates, re-seals keys after a rotation, starts pruning. */
async function startStore(config: Config): Promise<ConsoleStore> {
  const { db, engine, close } = await openStore({
    databaseUrl: config.DATABASE_URL,
    sqliteFile: storeFile(config),
  });
  const ring = keyRing(sessionSecret(config), config.SESSION_SECRET_PREVIOUS);
  await resealSessions(db, ring);
  const retention = config.LEDGER_RETENTION_DAYS * 86_400_000;
  const pruneNow = () => prune(db, retention).catch(() => undefined);
  await pruneNow();
  const timer = setInterval(pruneNow, PRUNE_EVERY_MS);
  timer.unref();
  return {
    db,
    engine,
    ring,
    close: async () => {
      clearInterval(timer);
      await close();
    },
  };
}

const STORE = Symbol.for("dce-token-console.store");

/**
 * The process's store. Kept on globalThis: the custom server and each Next.js route bundle load this
 * module separately, and all of them must share one connection pool.
 */
export function getStore(): Promise<ConsoleStore> {
  const global = globalThis as { [STORE]?: Promise<ConsoleStore> };
  global[STORE] ??= startStore(getConfig()).catch((error: unknown) => {
    global[STORE] = undefined;
    throw error;
  });
  return global[STORE];
}
