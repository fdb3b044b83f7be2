import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/**
 * Versioned schema migrations; `PRAGMA user_version` records how many have run. Append only:
 * never edit a migration that has shipped.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  INSERT INTO meta (key, value) VALUES ('resourceVersion', '1');

  -- Every API object. kind = the resource (plural); namespace '' for cluster-scoped ones.
  -- search = lower-case name and display name, for the case-insensitive ?search= filter.
  CREATE TABLE objects (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    namespace TEXT NOT NULL,
    name TEXT NOT NULL,
    uid TEXT NOT NULL UNIQUE,
    rv INTEGER NOT NULL,
    search TEXT NOT NULL,
    body TEXT NOT NULL
  );
  -- Lists page by keyset on (namespace, name) within a kind.
  CREATE UNIQUE INDEX objects_key ON objects (kind, namespace, name);

  CREATE TABLE labels (
    object INTEGER NOT NULL REFERENCES objects (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (object, key)
  ) WITHOUT ROWID;
  CREATE INDEX labels_key_value ON labels (key, value);

  -- Project membership (User members of spec.members), kept with the project in one transaction.
  CREATE TABLE members (
    user TEXT NOT NULL,
    project TEXT NOT NULL,
    PRIMARY KEY (user, project)
  ) WITHOUT ROWID;
  CREATE INDEX members_project ON members (project);

  -- Access keys: only the SHA-256 of the secret is kept.
  CREATE TABLE key_hashes (
    hash TEXT PRIMARY KEY,
    object INTEGER NOT NULL UNIQUE REFERENCES objects (id) ON DELETE CASCADE,
    user TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX key_hashes_user ON key_hashes (user);

  -- One row per issued token; never the token itself.
  CREATE TABLE token_audit (
    jti TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    scope TEXT NOT NULL,
    iat INTEGER NOT NULL,
    exp INTEGER NOT NULL,
    remote_address TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX token_audit_iat ON token_audit (iat);
  `,
  // Databases made before the prefix was configurable used "p-"; a new one records it on first start.
  `
  INSERT INTO meta (key, value)
  SELECT 'projectNamespacePrefix', 'p-' WHERE EXISTS (SELECT 1 FROM objects);
  `,
  // Tokens issued before spec.tokenGeneration was honoured carry gen = metadata.generation (then
  // always 1): existing users start at that value, so that raising it once revokes those tokens too.
  `
  UPDATE objects
  SET body = json_set(body, '$.spec.tokenGeneration', json_extract(body, '$.metadata.generation'))
  WHERE kind = 'users' AND json_extract(body, '$.spec.tokenGeneration') IS NULL
    AND json_extract(body, '$.metadata.generation') > 0;
  `,
];

/*
 * Owner ids (no migration: a note on the shipped schema above). The `user` columns of `members`,
 * `key_hashes` and `token_audit` hold an owner id, not always a user name: a user's name, or
 * `team:<name>` for a team (auth.ts `ownerId`; names are DNS labels, so the two never collide).
 * Written by `insertProject` (resources/projects.ts: Team members of spec.members as `team:<name>`),
 * `insertAccessKey` (resources/access-keys.ts: a team's key) and the token audit
 * (resources/tokens.ts). `authenticate` (auth.ts) resolves `team:<name>` to the Team object.
 * Databases from before teams had no Team rows in `members`: seed.ts adds them once.
 */

export function dbPath(dataDir: string) {
  return path.join(dataDir, "platform.db");
}

/** Opens (creating if needed) the platform database and brings its schema up to date. */
export function openDb(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = dbPath(dataDir);
  // Created owner-only before SQLite opens it: SQLite gives the -wal and -shm files the database
  // file's mode, so all three are 0600 from their first byte.
  fs.closeSync(fs.openSync(file, "a", 0o600));
  fs.chmodSync(file, 0o600);
  const db = new Database(file);
  // WAL + NORMAL: a commit is in the WAL before it is acknowledged, so kill -9 loses nothing.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

function migrate(db: Db) {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `platform.db has schema version ${current}, newer than this build knows (${MIGRATIONS.length})`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
