import type { Statement } from "better-sqlite3";
import type { Db } from "./platform-db";
import type { FieldRequirement, Requirement } from "./selector";

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A stored API object: apiVersion, kind, metadata, spec, status. */
export interface ApiObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export interface ListQuery {
  namespace?: string;
  /**
   * Only objects a non-admin user or team may see: their projects, or instances in their projects.
   * `user` is an owner id (auth.ts `ownerId`: a user's name, or `team:<name>`), as `members.user`.
   */
  memberOf?: { user: string; via: "name" } | { user: string; via: "namespace"; prefix: string };
  /** Only access keys of this owner id (`key_hashes.user`: a user's name, or `team:<name>`). */
  ownedBy?: string;
  labels: Requirement[];
  fields: FieldRequirement[];
  search?: string;
  limit?: number;
  after?: { namespace: string; name: string };
}

export interface ListPage {
  items: ApiObject[];
  resourceVersion: string;
  /** Position of the last item returned when more remain. */
  next?: { namespace: string; name: string };
  remainingItemCount?: number;
}

export class ConflictError extends Error {}

/** One issued token as the token audit keeps it (never the token itself). */
export interface TokenAuditRow {
  jti: string;
  /** The owner id of who issued it: a user's name, or `team:<name>` for a team (auth.ts `ownerId`). */
  user: string;
  /** The requested AccessKeyScope (null = unrestricted). */
  scope: unknown;
  iat: number;
  exp: number;
  remoteAddress: string;
}

const MAX_CACHED_STATEMENTS = 256;

/**
 * Where the database stood at one moment (`Store.changeStamp`): SQLite's `PRAGMA data_version`,
 * which moves when another connection commits, and this connection's own write count.
 */
export interface ChangeStamp {
  dataVersion: number;
  writes: number;
}

/** Typed access to the objects table; every statement is prepared once and reused. */
export class Store {
  private readonly cache = new Map<string, Statement>();
  /**
   * Writes through this connection: counted when `stmt` hands out a statement that writes and when
   * a `transaction` ends, so a write is counted no later than it is committed. `PRAGMA
   * data_version` does not move for a connection's own commits.
   */
  private writes = 0;
  private dataVersion: Statement | undefined;

  constructor(readonly db: Db) {}

  /** Prepares `sql` once per distinct text. A statement that writes counts as a change. */
  stmt(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      if (this.cache.size >= MAX_CACHED_STATEMENTS) this.cache.clear();
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    if (!s.reader) this.writes++;
    return s;
  }

  /** Runs `fn` in a transaction, which counts as a change (see `changeStamp`). */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } finally {
      this.writes++;
    }
  }

  /** Where the database stands now: see `changedSince`. */
  changeStamp(): ChangeStamp {
    this.dataVersion ??= this.db.prepare("PRAGMA data_version").pluck();
    return { dataVersion: this.dataVersion.get() as number, writes: this.writes };
  }

  /**
   * Whether anything may have been written since `stamp` was taken: by this connection through
   * `stmt` or `transaction`, or by any other connection (another process, a test, a bulk loader).
   * Writes that bypass both (`appendTokenAudit`) are not counted: nothing cached reads them.
   */
  changedSince(stamp: ChangeStamp): boolean {
    if (stamp.writes !== this.writes) return true;
    this.dataVersion ??= this.db.prepare("PRAGMA data_version").pluck();
    return this.dataVersion.get() !== stamp.dataVersion;
  }

  private tokenAuditInsert: Statement | undefined;

  /**
   * Appends token audit rows in one transaction. Not counted as a change (`changedSince`): a row is
   * written for every token issued, and nothing cached reads the token audit.
   */
  appendTokenAudit(rows: readonly TokenAuditRow[]) {
    this.tokenAuditInsert ??= this.db.prepare(
      "INSERT INTO token_audit (jti, user, scope, iat, exp, remote_address) VALUES (?, ?, ?, ?, ?, ?)",
    );
    const insert = this.tokenAuditInsert;
    this.db.transaction(() => {
      for (const row of rows) {
        insert.run(
          row.jti,
          row.user,
          JSON.stringify(row.scope ?? null),
          row.iat,
          row.exp,
          row.remoteAddress,
        );
      }
    })();
  }

  resourceVersion(): string {
    const row = this.stmt("SELECT value FROM meta WHERE key = 'resourceVersion'").get() as {
      value: string;
    };
    return row.value;
  }

  getMeta(key: string): string | undefined {
    const row = this.stmt("SELECT value FROM meta WHERE key = ?").get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string) {
    this.stmt(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
    ).run(key, value, value);
  }

  /** Bumps and returns the global resourceVersion; call inside the write's transaction. */
  nextResourceVersion(): number {
    const row = this.stmt(
      "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'resourceVersion' RETURNING value",
    ).get() as { value: string | number };
    return Number(row.value);
  }

  get(kind: string, namespace: string, name: string): ApiObject | undefined {
    const row = this.stmt(
      "SELECT body FROM objects WHERE kind = ? AND namespace = ? AND name = ?",
    ).get(kind, namespace, name) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as ApiObject) : undefined;
  }

  idOf(kind: string, namespace: string, name: string): number | undefined {
    const row = this.stmt(
      "SELECT id FROM objects WHERE kind = ? AND namespace = ? AND name = ?",
    ).get(kind, namespace, name) as { id: number } | undefined;
    return row?.id;
  }

  /** Inserts an object with its labels; ConflictError when the name is taken. Returns its row id. */
  insert(kind: string, object: ApiObject, displayName = ""): number {
    const m = object.metadata;
    const namespace = m.namespace ?? "";
    const search = `${m.name}\n${displayName}`.toLowerCase();
    const result = this.stmt(
      `INSERT INTO objects (kind, namespace, name, uid, rv, search, body) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, namespace, name) DO NOTHING`,
    ).run(
      kind,
      namespace,
      m.name,
      m.uid,
      Number(m.resourceVersion),
      search,
      JSON.stringify(object),
    );
    if (result.changes === 0) throw new ConflictError(m.name);
    const id = Number(result.lastInsertRowid);
    const label = this.stmt("INSERT INTO labels (object, key, value) VALUES (?, ?, ?)");
    for (const [key, value] of Object.entries(m.labels ?? {})) label.run(id, key, value);
    return id;
  }

  /**
   * Replaces a stored object's body (and its labels) under the same kind, namespace and name; the
   * caller has set the new `metadata.resourceVersion`. False when there is no such object. Call
   * inside the write's transaction.
   */
  update(kind: string, object: ApiObject, displayName = ""): boolean {
    const m = object.metadata;
    const namespace = m.namespace ?? "";
    const id = this.idOf(kind, namespace, m.name);
    if (id === undefined) return false;
    const search = `${m.name}\n${displayName}`.toLowerCase();
    this.stmt("UPDATE objects SET rv = ?, search = ?, body = ? WHERE id = ?").run(
      Number(m.resourceVersion),
      search,
      JSON.stringify(object),
      id,
    );
    this.stmt("DELETE FROM labels WHERE object = ?").run(id);
    const label = this.stmt("INSERT INTO labels (object, key, value) VALUES (?, ?, ?)");
    for (const [key, value] of Object.entries(m.labels ?? {})) label.run(id, key, value);
    return true;
  }

  delete(kind: string, namespace: string, name: string): boolean {
    return (
      this.stmt("DELETE FROM objects WHERE kind = ? AND namespace = ? AND name = ?").run(
        kind,
        namespace,
        name,
      ).changes > 0
    );
  }

  deleteNamespace(kinds: readonly string[], namespace: string): number {
    const sql = `DELETE FROM objects WHERE namespace = ? AND kind IN (${kinds.map(() => "?").join(", ")})`;
    return this.stmt(sql).run(namespace, ...kinds).changes;
  }

  list(kind: string, q: ListQuery): ListPage {
    const where: string[] = ["o.kind = ?"];
    const args: unknown[] = [kind];
    if (q.namespace !== undefined) {
      where.push("o.namespace = ?");
      args.push(q.namespace);
    }
    if (q.memberOf?.via === "name") {
      where.push("o.name IN (SELECT project FROM members WHERE user = ?)");
      args.push(q.memberOf.user);
    } else if (q.memberOf?.via === "namespace") {
      where.push("o.namespace IN (SELECT ? || project FROM members WHERE user = ?)");
      args.push(q.memberOf.prefix, q.memberOf.user);
    }
    if (q.ownedBy !== undefined) {
      where.push("o.id IN (SELECT object FROM key_hashes WHERE user = ?)");
      args.push(q.ownedBy);
    }
    for (const f of q.fields) {
      where.push(`o.${f.field === "metadata.name" ? "name" : "namespace"} ${f.op} ?`);
      args.push(f.value);
    }
    for (const r of q.labels) {
      const values = r.values.length
        ? ` AND l.value IN (${r.values.map(() => "?").join(", ")})`
        : "";
      const negate = r.op === "notin" || r.op === "notexists" ? "NOT " : "";
      where.push(
        `${negate}EXISTS (SELECT 1 FROM labels l WHERE l.object = o.id AND l.key = ?${values})`,
      );
      args.push(r.key, ...r.values);
    }
    if (q.search) {
      where.push("o.search LIKE ? ESCAPE '\\'");
      args.push(`%${q.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    // Kubernetes reports remainingItemCount only for unfiltered lists.
    const filtered =
      q.memberOf !== undefined ||
      q.ownedBy !== undefined ||
      q.fields.length > 0 ||
      q.labels.length > 0 ||
      Boolean(q.search);
    const position: string[] = [];
    const positionArgs: unknown[] = [];
    if (q.after) {
      position.push("(o.namespace, o.name) > (?, ?)");
      positionArgs.push(q.after.namespace, q.after.name);
    }
    const clause = [...where, ...position].join(" AND ");
    const limit = q.limit && q.limit > 0 ? q.limit : undefined;
    const rows = this.stmt(
      `SELECT o.namespace, o.name, o.body FROM objects o WHERE ${clause}
       ORDER BY o.namespace, o.name${limit ? " LIMIT ?" : ""}`,
    ).all(...args, ...positionArgs, ...(limit ? [limit + 1] : [])) as Array<{
      namespace: string;
      name: string;
      body: string;
    }>;
    const page: ListPage = { items: [], resourceVersion: this.resourceVersion() };
    const more = limit !== undefined && rows.length > limit;
    if (more) rows.length = limit;
    page.items = rows.map((r) => JSON.parse(r.body) as ApiObject);
    const last = rows[rows.length - 1];
    if (more && last) {
      page.next = { namespace: last.namespace, name: last.name };
      if (!filtered) {
        const counted = this.stmt(
          `SELECT count(*) AS n FROM objects o WHERE ${where.join(" AND ")} AND (o.namespace, o.name) > (?, ?)`,
        ).get(...args, last.namespace, last.name) as { n: number };
        page.remainingItemCount = counted.n;
      }
    }
    return page;
  }
}
