import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { auditExportStream } from "@/lib/audit/export";
import { ledgerFacts } from "@/lib/audit/facts";
import type { AuditFilters } from "@/lib/audit/filters";
import { encodeCursor } from "@/lib/audit/cursor";
import { readAudit } from "@/lib/audit/view";
import { OPEN_POLICY, type IssuancePolicy } from "@/lib/policy/policy";
import { readPolicy, savePolicy } from "@/lib/policy/store";
import { openStore, type StoreDb, type StoreLocation } from "@/lib/store/store-db";
import type { LedgerKind } from "@/lib/store/schema";
import { createDatabase, startPostgres } from "../tests/support/postgres";
import { int, mulberry32, pick, type Rng } from "../tests/support/prng";
import { root, timed } from "./server";

/**
 * The organisation audit at 100,000 ledger entries across 1,000 users, on SQLite and PostgreSQL:
 * server time of `readAudit` — the one call the audit page makes (page of 50, counts, the policy in
 * force), in-process, without HTTP or rendering — unfiltered, deep in history, and with each filter;
 * and the CSV export streamed from a child process, its peak RSS (the kernel's VmHWM) for the whole
 * export beside that of its first 10,000 rows: bounded memory shows as the two being alike.
 */

export const AUDIT_ENTRIES = 100_000;
const USERS = 1_000;
const DAY_S = 86_400;
const HOUR_MS = 3_600_000;
const TIMES = 30;
/** The heap cap the export must complete under (the CSV alone is ~29 MB, ~58 MB as JS strings). */
const HEAP_CAP_MB = 48;

/** A policy an organisation might set: the "violates policy" filter's benchmark. */
export const AUDIT_BENCH_POLICY: IssuancePolicy = {
  maxTtl: { token: 30 * DAY_S, accessKey: 90 * DAY_S },
  projectMaxTtl: [
    { project: "proj-7", maxTtl: DAY_S },
    { project: "proj-13", maxTtl: 7 * DAY_S },
  ],
  requireNote: false,
  forbidUnrestricted: true,
  forbidWildcards: true,
  allowedRoles: ["loft-cli", "vcluster"],
};

function scopeFor(rng: Rng): unknown {
  const project = `proj-${int(rng, 0, 39)}`;
  const roll = rng();
  if (roll < 0.03) return null;
  if (roll < 0.63)
    return { virtualClusters: [{ project, virtualCluster: `vc-${int(rng, 0, 99)}` }] };
  if (roll < 0.78) return { projects: [{ project }] };
  if (roll < 0.88) return { spaces: [{ project, space: pick(rng, ["dev", "staging", "*"]) }] };
  if (roll < 0.93) return { projects: [{ project: "*" }] };
  return {
    roles: [{ role: pick(rng, ["loft-cli", "vcluster", "metrics-reader"]), projects: [project] }],
  };
}

/** One generated ledger row with its policy facts, as recordIssued would write it. */
function benchEntry(rng: Rng, i: number, now: number) {
  const user = i % USERS;
  const team = user % 20 === 19;
  const name = `${team ? "team" : "user"}-${String(user).padStart(4, "0")}`;
  const kind: LedgerKind = rng() < 0.2 ? "accesskey" : "token";
  const ttl = pick(rng, [3600, DAY_S, 7 * DAY_S, 30 * DAY_S, 90 * DAY_S, null]);
  const issuedAt = now - Math.floor(rng() * 90 * 24 * HOUR_MS);
  const expiresAt =
    ttl !== null ? issuedAt + ttl * 1000 : kind === "token" ? issuedAt + 7 * DAY_S * 1000 : null;
  const issuedScope = scopeFor(rng);
  const note = rng() < 0.6 ? `bench entry ${i}` : null;
  const revokedAt =
    rng() < 0.08 ? issuedAt + Math.floor(rng() * Math.min(now - issuedAt, 86_400_000)) : null;
  const facts = ledgerFacts({ kind, issuedScope, requestedTtl: ttl, issuedAt, expiresAt, note });
  const id = crypto.randomUUID();
  return {
    row: {
      id,
      kind,
      credential_name: kind === "accesskey" ? `key-${i}` : null,
      user_name: name,
      principal: `${team ? "team" : "user"}:${name}`,
      principal_uid: null,
      platform: "https://platform.example",
      token_id: kind === "token" ? crypto.randomUUID() : null,
      fingerprint: crypto.randomBytes(32).toString("base64url"),
      requested: JSON.stringify({ ttl, scope: issuedScope ?? undefined }),
      issued_scope: issuedScope === null ? null : JSON.stringify(issuedScope),
      requested_ttl: ttl,
      issued_at: issuedAt,
      expires_at: expiresAt,
      generation: 0,
      note,
      reach: null,
      revoked_at: revokedAt,
      ...facts.columns,
    },
    projects: facts.projects.map((project) => ({ entry_id: id, project })),
    roles: facts.roles.map((role) => ({ entry_id: id, role })),
  };
}

/** Writes `count` entries across 1,000 users straight into the store, 1,000 rows a statement. */
export async function seedAudit(db: StoreDb, count: number, now = Date.now()) {
  const rng = mulberry32(100_000);
  for (let start = 0; start < count; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - start) }, (_, j) =>
      benchEntry(rng, start + j, now),
    );
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto("ledger")
        .values(batch.map((b) => b.row))
        .execute();
      const projects = batch.flatMap((b) => b.projects);
      if (projects.length) await tx.insertInto("ledger_projects").values(projects).execute();
      const roles = batch.flatMap((b) => b.roles);
      if (roles.length) await tx.insertInto("ledger_roles").values(roles).execute();
    });
  }
  // Three saved policies, the last in force.
  const saves = [{ ...OPEN_POLICY, requireNote: true }, OPEN_POLICY, AUDIT_BENCH_POLICY];
  for (const [version, policy] of saves.entries())
    await savePolicy(
      db,
      { policy, basedOn: version, by: "user:admin" },
      now - (3 - version) * HOUR_MS,
    );
}

const round = (n: number) => Number(n.toFixed(1));

/** p50 / p99 of `readAudit` for each case, in ms. */
async function pageTimes(db: StoreDb) {
  const at = async (filters: AuditFilters, cursor: { after?: string } = {}) => {
    await readAudit(db, filters, cursor); // warm
    const t = await timed(TIMES, async () => {
      const view = await readAudit(db, filters, cursor);
      if (view.rows.length === 0)
        throw new Error(`the audit page for ${JSON.stringify(filters)} was empty`);
    });
    return { p50: round(t.p50), p99: round(t.p99) };
  };
  // A cursor half-way down the timeline (found with OFFSET here, once): keyset pages cost the same.
  const middle = await db
    .selectFrom("ledger")
    .select(["issued_at", "id"])
    .orderBy("issued_at", "desc")
    .orderBy("id", "desc")
    .offset(AUDIT_ENTRIES / 2)
    .limit(1)
    .executeTakeFirstOrThrow();
  const after = encodeCursor([Number(middle.issued_at), 0, middle.id]);
  const policy = (await readPolicy(db)).policy;
  if (JSON.stringify(policy) !== JSON.stringify(AUDIT_BENCH_POLICY))
    throw new Error("policy not in force");
  return {
    unfiltered: await at({}),
    deepPage: await at({}, { after }),
    violatesPolicy: await at({ violates: true }),
    user: await at({ user: "user-0042" }),
    project: await at({ project: "proj-7" }),
    expired: await at({ state: "expired" }),
    violatingRevoked: await at({ violates: true, state: "revoked" }),
  };
}

interface ExportRun {
  rows: number;
  megabytes: number;
  seconds: number;
  baselineRssMB: number;
  peakRssMB: number;
  /** Most V8 heap in use, sampled after each batch. */
  peakHeapMB: number;
}

/**
 * The export in a child process (its RSS is the export's alone): all rows, or only the first `rows`;
 * with `heapMB`, V8's old space is capped there, so holding the file in memory would crash it.
 */
function exportInChild(
  location: StoreLocation,
  { rows = 0, heapMB }: { rows?: number; heapMB?: number } = {},
): Promise<ExportRun> {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const args = [import.meta.filename, "--export-child", JSON.stringify(location), String(rows)];
  const env = heapMB
    ? {
        ...process.env,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${heapMB}`,
      }
    : process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, args, { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out) as ExportRun)
        : reject(new Error(`export child exited ${code}`)),
    );
  });
}

/** Peak resident set size of this process so far (Linux VmHWM), in MB; else the current RSS. */
function peakRssMB(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage.rss() / 2 ** 20;
}

/** The child's side: streams the CSV export into nothing, counting rows and bytes. */
async function exportChild(location: StoreLocation, limitRows: number) {
  const store = await openStore(location);
  const baselineRssMB = peakRssMB();
  const started = performance.now();
  const reader = auditExportStream(store.db, {}, "csv").getReader();
  let bytes = 0;
  let peakHeap = 0;
  let rows = -1; // the header
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    // Records end in CRLF; a line break inside a quoted cell (violations) is LF alone.
    for (let i = 1; i < value.length; i++) if (value[i] === 0x0a && value[i - 1] === 0x0d) rows++;
    if (limitRows && rows >= limitRows) {
      await reader.cancel();
      break;
    }
  }
  const run: ExportRun = {
    rows,
    megabytes: round(bytes / 2 ** 20),
    seconds: round((performance.now() - started) / 1000),
    baselineRssMB: round(baselineRssMB),
    peakRssMB: round(peakRssMB()),
    peakHeapMB: round(peakHeap / 2 ** 20),
  };
  await store.close();
  process.stdout.write(JSON.stringify(run));
}

async function engineFigures(location: StoreLocation, log: (line: string) => void) {
  const store = await openStore(location);
  try {
    log(`  seeding ${AUDIT_ENTRIES.toLocaleString("en-US")} entries across ${USERS} users…`);
    const seedStart = performance.now();
    await seedAudit(store.db, AUDIT_ENTRIES);
    const seedSeconds = round((performance.now() - seedStart) / 1000);
    log("  timing the audit page's query…");
    const page = await pageTimes(store.db);
    log("  exporting in a child process…");
    const exportAll = await exportInChild(location);
    const exportFirst10k = await exportInChild(location, { rows: 10_000 });
    const exportCapped = await exportInChild(location, { heapMB: HEAP_CAP_MB });
    const { counts } = await readAudit(store.db, {}, {});
    const events = counts.issued + counts.revoked + counts.policy;
    if (exportAll.rows !== events)
      throw new Error(`the export held ${exportAll.rows} rows, the audit ${events} events`);
    if (exportCapped.rows !== events) throw new Error("the export with a capped heap fell short");
    return {
      seedSeconds,
      page,
      export: { all: exportAll, first10k: exportFirst10k, heapCapped: exportCapped },
    };
  } finally {
    await store.close();
  }
}

export type AuditBench = Awaited<ReturnType<typeof auditBench>>;

/** Both engines' figures: SQLite in a fresh directory, PostgreSQL on a throwaway server. */
export async function auditBench(log: (line: string) => void = console.log) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-audit-bench-"));
  try {
    log("Audit, SQLite:");
    const sqlite = await engineFigures({ sqliteFile: path.join(dir, "console.db") }, log);
    log("Audit, PostgreSQL:");
    const postgres = await startPostgres();
    try {
      const databaseUrl = await createDatabase(postgres.url);
      return {
        entries: AUDIT_ENTRIES,
        users: USERS,
        sqlite,
        postgres: await engineFigures({ databaseUrl, sqliteFile: "" }, log),
        measured:
          "readAudit (the audit page's one call: page of 50 + counts + current policy), in-process, 30 runs after one warm-up",
        target: "< 200 ms p50 on both engines; export in bounded memory",
      };
    } finally {
      await postgres.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures as the bench table's rows. */
export function auditRows(a: AuditBench): Array<[string, string, string]> {
  const p = (e: typeof a.sqlite, key: keyof typeof a.sqlite.page) => `${e.page[key].p50} ms`;
  const x = (e: typeof a.sqlite) =>
    `${e.export.all.rows.toLocaleString("en-US")} rows (${e.export.all.megabytes} MB CSV) in ${e.export.all.seconds} s, peak RSS ${e.export.all.peakRssMB} MB, heap ${e.export.all.peakHeapMB} MB (first 10,000 rows: ${e.export.first10k.peakRssMB} MB / ${e.export.first10k.peakHeapMB} MB; before: ${e.export.all.baselineRssMB} MB; with the heap capped at ${HEAP_CAP_MB} MB: done, peak RSS ${e.export.heapCapped.peakRssMB} MB)`;
  return [
    [
      "Audit page, 100,000 entries / 1,000 users",
      `SQLite p50 ${p(a.sqlite, "unfiltered")} (violates policy ${p(a.sqlite, "violatesPolicy")}); PostgreSQL p50 ${p(a.postgres, "unfiltered")} (violates policy ${p(a.postgres, "violatesPolicy")})`,
      "target < 200 ms p50 (readAudit in-process: page of 50 + counts)",
    ],
    [
      "Audit page, other filters (p50)",
      `SQLite: deep page ${p(a.sqlite, "deepPage")}, user ${p(a.sqlite, "user")}, project ${p(a.sqlite, "project")}, expired ${p(a.sqlite, "expired")}; PostgreSQL: deep page ${p(a.postgres, "deepPage")}, user ${p(a.postgres, "user")}, project ${p(a.postgres, "project")}, expired ${p(a.postgres, "expired")}`,
      "same call; deep page = a cursor half-way down the timeline",
    ],
    [
      "Audit CSV export, SQLite",
      x(a.sqlite),
      "streamed in batches of 1,000 (child process; VmHWM)",
    ],
    [
      "Audit CSV export, PostgreSQL",
      x(a.postgres),
      "streamed in batches of 1,000 (child process; VmHWM)",
    ],
  ];
}

const main = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (main && process.argv[2] === "--export-child") {
  await exportChild(JSON.parse(process.argv[3]!) as StoreLocation, Number(process.argv[4] ?? 0));
} else if (main) {
  const figures = await auditBench();
  console.log(JSON.stringify(figures, null, 2));
  for (const [a, b, c] of auditRows(figures)) console.log(`${a}  ${b}  ${c}`);
}
