import { parseCsv } from "@/tests/support/csv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditExportResponse,
  auditExportStream,
  csvCell,
  csvValues,
  ndjsonObject,
  CSV_HEADER,
} from "@/lib/audit/export";
import {
  auditHref,
  exportHref,
  readAuditFilters,
  readCursor,
  type AuditFilters,
} from "@/lib/audit/filters";
import { auditRow } from "@/lib/audit/row";
import { countAudit } from "@/lib/audit/count";
import { auditPage, type AuditEvent, type AuditQuery } from "@/lib/audit/timeline";
import { readAudit } from "@/lib/audit/view";
import { entryState } from "@/lib/ledger/entry-state";
import { policyViolations } from "@/lib/policy/evaluate";
import { OPEN_POLICY, type IssuancePolicy } from "@/lib/policy/policy";
import { readPolicy, savePolicy } from "@/lib/policy/store";
import type { OpenStore } from "@/lib/store/store-db";
import {
  EXPIRING_WITHIN_MS,
  fingerprintOf,
  recordIssued,
  type LedgerEntry,
  type NewLedgerEntry,
} from "@/lib/ledger/store";
import { subjectOfEntry } from "@/lib/audit/facts";
import { STORE_ENGINES } from "@/tests/support/store-engines";

/**
 * The organisation audit on both engines: one timeline of issues, revocations and policy changes,
 * newest first, keyset-paged both ways without losing or repeating an event; each filter; and the
 * CSV and NDJSON exports holding exactly what paging through the filtered audit shows.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1, 12);
const NOW = T0 + 20 * HOUR;

const WHO = [
  { principal: "user:alice", user: "alice" },
  { principal: "user:bob", user: "bob" },
  { principal: "team:ops", user: "ops" },
  { principal: "user:ops", user: "ops" },
];
const SCOPES: unknown[] = [
  null,
  { projects: [{ project: "payments" }] },
  { virtualClusters: [{ project: "default", virtualCluster: "*" }], roles: [{ role: "vcluster" }] },
  {
    spaces: [{ project: "payments", space: "dev" }],
    roles: [{ role: "network-peer", projects: ["*"] }],
  },
  { projects: [{ project: "*" }], allowLoftCli: true },
];
const TTLS = [3600, 86_400, 30 * 86_400, null];
const NOTES = [
  null,
  "  ",
  "note",
  '=HYPERLINK("http://x","click")',
  'a,"b"\r\nc',
  "+1",
  "-2",
  "@me",
];

/** Entry i: three at each hour (ties), users, kinds, scopes, lifetimes and notes in turn. */
function entryFor(i: number): NewLedgerEntry {
  const issuedAt = T0 + Math.floor(i / 3) * HOUR;
  const ttl = TTLS[i % 4]!;
  return {
    ...WHO[i % 4]!,
    kind: i % 4 === 1 ? "accesskey" : "token",
    credentialName: i % 4 === 1 ? `key-${i}` : null,
    principalUid: null,
    platform: "https://platform.example",
    tokenId: null,
    fingerprint: fingerprintOf(`audit-${i}`),
    requested: {},
    issuedScope: SCOPES[i % 5],
    requestedTtl: ttl,
    issuedAt,
    expiresAt: ttl === null ? (i % 8 === 3 ? null : issuedAt + 2 * DAY) : issuedAt + ttl * 1000,
    generation: 0,
    note: NOTES[i % NOTES.length]!,
  };
}

const POLICY: IssuancePolicy = {
  ...OPEN_POLICY,
  maxTtl: { token: 7 * 86_400, accessKey: null },
  projectMaxTtl: [{ project: "payments", maxTtl: 86_400 }],
  allowedRoles: ["loft-cli", "vcluster"],
};

type Expected = { key: string; at: number; rank: number; id: string };
const keyOf = (e: AuditEvent) => `${e.type}:${e.type === "policy" ? e.change.id : e.entry.id}`;

describe.each(STORE_ENGINES)("organisation audit on $name", (engine) => {
  let store: OpenStore;
  const entries: LedgerEntry[] = [];
  const changes: { id: string; at: number }[] = [];
  let policy: IssuancePolicy;

  beforeAll(async () => {
    store = await engine.open();
    const { db } = store;
    for (let i = 0; i < 40; i++) entries.push(await recordIssued(db, entryFor(i)));
    // Revocations: some two hours after issue, one at its very issue time, one at a policy change.
    for (const [i, entry] of entries.entries()) {
      const at =
        i === 4
          ? entry.issuedAt
          : i === 10
            ? T0 + 9 * HOUR
            : i % 7 === 0
              ? entry.issuedAt + 2 * HOUR
              : null;
      if (at === null) continue;
      await db.updateTable("ledger").set({ revoked_at: at }).where("id", "=", entry.id).execute();
      entry.revokedAt = at;
    }
    // Policy changes: one at the same moment as three issues, the last is the policy in force.
    const saves: [number, IssuancePolicy][] = [
      [T0 + 5 * HOUR, { ...OPEN_POLICY, requireNote: true }],
      [T0 + 9 * HOUR, { ...OPEN_POLICY, forbidWildcards: true }],
      [T0 + 13 * HOUR + 30 * 60_000, POLICY],
    ];
    for (const [version, [at, saved]] of saves.entries()) {
      const outcome = await savePolicy(
        db,
        { policy: saved, basedOn: version, by: "user:root" },
        at,
      );
      expect(outcome.saved).toBe(true);
    }
    for (const row of await db.selectFrom("policy_changes").select(["id", "at"]).execute())
      changes.push({ id: row.id, at: Number(row.at) });
    policy = (await readPolicy(db)).policy;
  });
  afterAll(() => store.close());

  const query = (filters: AuditFilters = {}): AuditQuery => ({ filters, now: NOW, policy });

  /** The events the filters should select, newest first, from the entries kept here. */
  function expected(filters: AuditFilters = {}, keep: (e: LedgerEntry) => boolean = () => true) {
    const from = filters.from ? Date.parse(`${filters.from}T00:00:00Z`) : -Infinity;
    const to = filters.to ? Date.parse(`${filters.to}T00:00:00Z`) + DAY : Infinity;
    const inRange = (at: number) => at >= from && at < to;
    const list: Expected[] = [];
    for (const e of entries.filter(keep)) {
      if (inRange(e.issuedAt))
        list.push({ key: `issued:${e.id}`, at: e.issuedAt, rank: 0, id: e.id });
      if (e.revokedAt !== null && inRange(e.revokedAt))
        list.push({ key: `revoked:${e.id}`, at: e.revokedAt, rank: 1, id: e.id });
    }
    const entryFilter = filters.user || filters.project || filters.state || filters.violates;
    if (!entryFilter)
      for (const c of changes.filter((c) => inRange(c.at)))
        list.push({ key: `policy:${c.id}`, at: c.at, rank: 2, id: c.id });
    return list
      .sort((a, b) => b.at - a.at || b.rank - a.rank || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((e) => e.key);
  }

  /** Every event, paging older with `limit` a page; then back to the start paging newer. */
  async function pageThrough(filters: AuditFilters, limit: number) {
    const pages: AuditEvent[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = await auditPage(store.db, query(filters), { after, limit });
      pages.push(page.events);
      expect(page.events.length).toBeLessThanOrEqual(limit);
      if (!page.older) break;
      expect(page.events.length).toBe(limit);
      after = page.older;
    }
    const older = pages.flat();
    // Back again from the oldest page: the same pages, newest last.
    const back: AuditEvent[][] = [pages.at(-1)!];
    let before =
      pages.length > 1
        ? (await auditPage(store.db, query(filters), { after, limit })).newer
        : undefined;
    while (before) {
      const page = await auditPage(store.db, query(filters), { before, limit });
      back.unshift(page.events);
      before = page.newer;
    }
    expect(back.flat().map(keyOf)).toEqual(older.map(keyOf));
    return older;
  }

  it("lists issues, revocations and policy changes in one timeline, newest first", async () => {
    const events = await pageThrough({}, 1000);
    expect(events.map(keyOf)).toEqual(expected());
    expect(events.filter((e) => e.type === "policy")).toHaveLength(3);
    expect(events.filter((e) => e.type === "revoked").length).toBeGreaterThan(4);
    // A revocation at its entry's issue time comes before (is newer than) the issue.
    const at = (key: string) => events.findIndex((e) => keyOf(e) === key);
    expect(at(`revoked:${entries[4]!.id}`)).toBeLessThan(at(`issued:${entries[4]!.id}`));
    expect(events[at(`revoked:${entries[4]!.id}`)]!.at).toBe(entries[4]!.issuedAt);
  });

  it.each([1, 2, 7, 50])(
    "pages %i at a time both ways with no event twice or missing",
    async (limit) => {
      const events = await pageThrough({}, limit);
      const keys = events.map(keyOf);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual(expected());
    },
  );

  it("counts what it lists", async () => {
    for (const filters of [
      {},
      { user: "ops" },
      { violates: true },
      { state: "revoked" },
      { to: "2026-11-01" },
      { from: "2026-11-02" },
      { from: "2026-11-02", violates: true },
    ] as AuditFilters[]) {
      const counts = await countAudit(store.db, query(filters));
      const events = await pageThrough(filters, 25);
      for (const type of ["issued", "revoked", "policy"] as const)
        expect(counts[type], `${type} ${JSON.stringify(filters)}`).toBe(
          events.filter((e) => e.type === type).length,
        );
      expect(events.length).toBeGreaterThan(0);
    }
  });

  it("filters by user: a principal, or a bare name meaning user and team", async () => {
    expect((await pageThrough({ user: "alice" }, 10)).map(keyOf)).toEqual(
      expected({ user: "alice" }, (e) => e.principal === "user:alice"),
    );
    expect((await pageThrough({ user: "team:ops" }, 10)).map(keyOf)).toEqual(
      expected({ user: "team:ops" }, (e) => e.principal === "team:ops"),
    );
    const both = await pageThrough({ user: "ops" }, 10);
    expect(both.map(keyOf)).toEqual(expected({ user: "ops" }, (e) => e.principal.endsWith(":ops")));
    expect(new Set(both.map((e) => e.type !== "policy" && e.entry.principal))).toEqual(
      new Set(["user:ops", "team:ops"]),
    );
    expect(await pageThrough({ user: "nobody" }, 10)).toEqual([]);
  });

  it("filters by project: entries whose scope names it (not *)", async () => {
    const events = await pageThrough({ project: "payments" }, 10);
    expect(events.map(keyOf)).toEqual(
      expected({ project: "payments" }, (e) => [1, 3].includes(entries.indexOf(e) % 5)),
    );
    expect(events.length).toBeGreaterThan(0);
  });

  it.each(["active", "expiring", "expired", "revoked"] as const)(
    "filters by state %s (active includes expiring, as on Issued tokens)",
    async (state) => {
      const events = await pageThrough({ state }, 10);
      const want = (e: LedgerEntry) => {
        const s = entryState(e, NOW, EXPIRING_WITHIN_MS);
        return state === "active" ? s === "active" || s === "expiring" : s === state;
      };
      expect(events.map(keyOf)).toEqual(expected({ state }, want));
      expect(events.length).toBeGreaterThan(0);
    },
  );

  it("filters by time range (UTC days, both included), policy changes too", async () => {
    // Move a few entries a day back so the range has something to leave out.
    const earlier = entries.slice(0, 6);
    for (const e of earlier) {
      await store.db
        .updateTable("ledger")
        .set({ issued_at: e.issuedAt - DAY })
        .where("id", "=", e.id)
        .execute();
      e.issuedAt -= DAY;
    }
    try {
      const day = new Date(T0).toISOString().slice(0, 10);
      const dayBefore = new Date(T0 - DAY).toISOString().slice(0, 10);
      const only = await pageThrough({ from: day, to: day }, 10);
      expect(only.map(keyOf)).toEqual(expected({ from: day, to: day }));
      expect(only.some((e) => e.type === "policy")).toBe(true);
      expect(only.map(keyOf)).not.toContain(`issued:${earlier[0]!.id}`);
      expect((await pageThrough({ to: dayBefore }, 10)).map(keyOf)).toEqual(
        expected({ to: dayBefore }),
      );
      expect((await pageThrough({ from: day }, 10)).map(keyOf)).toEqual(expected({ from: day }));
    } finally {
      for (const e of earlier) {
        await store.db
          .updateTable("ledger")
          .set({ issued_at: e.issuedAt + DAY })
          .where("id", "=", e.id)
          .execute();
        e.issuedAt += DAY;
      }
    }
  });

  it("filters what violates the current policy, judged by policyViolations", async () => {
    const flagged = (e: LedgerEntry) => policyViolations(policy, subjectOfEntry(e)).length > 0;
    const events = await pageThrough({ violates: true }, 10);
    expect(events.map(keyOf)).toEqual(expected({ violates: true }, flagged));
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(expected().length);
    // Filters combine.
    const combined = { violates: true, user: "alice", state: "expired" } as const;
    expect((await pageThrough(combined, 3)).map(keyOf)).toEqual(
      expected(
        combined,
        (e) =>
          flagged(e) &&
          e.principal === "user:alice" &&
          entryState(e, NOW, EXPIRING_WITHIN_MS) === "expired",
      ),
    );
  });

  it("shows each entry's violations and state, and what each policy change did", async () => {
    const view = await readAudit(store.db, {}, {}, NOW);
    expect(view.rows).toHaveLength(50);
    expect(view.policyVersion).toBe(3);
    for (const row of view.rows.filter((r) => r.event !== "policy")) {
      const entry = entries.find((e) => e.id === row.id)!;
      expect(row.violations).toEqual(
        policyViolations(policy, subjectOfEntry(entry)).map((v) => v.message),
      );
      expect(row.state).toBe(entryState(entry, NOW, EXPIRING_WITHIN_MS));
      expect(row.who).toBe(entry.principal);
    }
    const change = view.rows.find((r) => r.event === "policy")!;
    expect(change.who).toBe("user:root");
    expect(change.scope).toMatch(/^Version 3: /);
    expect(view.rows.some((r) => r.violations.length > 0)).toBe(true);
  });

  const filterCases: AuditFilters[] = [
    {},
    { violates: true },
    { user: "ops", state: "active" },
    { project: "payments" },
  ];

  it.each(filterCases)("exports as CSV exactly what paging through %o shows", async (filters) => {
    const shown = await pageThrough(filters, 50);
    const res = auditExportResponse(store.db, filters, "csv", NOW);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="audit-\d{8}T\d{6}Z\.csv"$/,
    );
    const records = parseCsv(await res.text());
    expect(records[0]).toEqual(CSV_HEADER);
    const defused = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
    expect(records.slice(1)).toEqual(
      shown.map((e) => csvValues(auditRow(e, policy, NOW)).map(defused)),
    );
  });

  it.each(filterCases)(
    "exports as NDJSON exactly what paging through %o shows, in small batches too",
    async (filters) => {
      const shown = await pageThrough(filters, 50);
      for (const batch of [3, 1000]) {
        const text = await new Response(
          auditExportStream(store.db, filters, "ndjson", { now: NOW, batch }),
        ).text();
        const lines = text.split("\n");
        expect(lines.pop()).toBe("");
        expect(lines.map((l) => JSON.parse(l))).toEqual(
          shown.map((e) => JSON.parse(JSON.stringify(ndjsonObject(auditRow(e, policy, NOW))))),
        );
      }
    },
  );

  it("defuses formulas and quotes what needs it in the CSV file", async () => {
    const text = await new Response(
      auditExportStream(store.db, { user: "user:ops" }, "csv", { now: NOW, batch: 4 }),
    ).text();
    const notes = parseCsv(text)
      .slice(1)
      .map((r) => r[CSV_HEADER.indexOf("Note")]);
    expect(notes).toContain(`'=HYPERLINK("http://x","click")`);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(text.split("\r\n")[0]).toBe(CSV_HEADER.join(","));
  });
});

describe("CSV cells", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r\nlf", '"cr\r\nlf"'],
    ["=1+2", "'=1+2"],
    ["+SUM(A1)", "'+SUM(A1)"],
    ["-5", "'-5"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ['=HYPERLINK("a","b")', `"'=HYPERLINK(""a"",""b"")"`],
    ["a=b", "a=b"],
  ])("%j is written %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe("the audit's filters in the URL", () => {
  it("reads valid filters and sets invalid ones aside with the reason", () => {
    const read = readAuditFilters({
      user: " team:ops ",
      project: "Payments!",
      state: "expired",
      from: "2026-02-30",
      to: "2026-11-01",
      violates: "1",
      after: "whatever",
    });
    expect(read.filters).toEqual({
      user: "team:ops",
      state: "expired",
      to: "2026-11-01",
      violates: true,
    });
    expect(Object.keys(read.errors).sort()).toEqual(["from", "project"]);
    expect(read.values.project).toBe("Payments!");
    expect(readAuditFilters({ user: "robot:x" }).errors.user).toBeDefined();
    expect(readAuditFilters({ from: "2026-11-02", to: "2026-11-01" }).errors.to).toBeDefined();
    expect(readAuditFilters({ state: "all" }).errors.state).toBeDefined();
  });

  it("writes the same filters into the page's, its pages' and the exports' addresses", () => {
    const filters: AuditFilters = { user: "alice", project: "payments", violates: true };
    const qs = "user=alice&project=payments&violates=1";
    expect(auditHref(filters)).toBe(`/admin/audit?${qs}`);
    expect(auditHref(filters, { after: "abc" })).toBe(`/admin/audit?${qs}&after=abc`);
    expect(auditHref({}, { before: "abc" })).toBe("/admin/audit?before=abc");
    expect(auditHref({})).toBe("/admin/audit");
    expect(exportHref(filters, "csv")).toBe(`/api/admin/audit/export?${qs}&format=csv`);
    const back = Object.fromEntries(
      new URL(exportHref(filters, "ndjson"), "http://x").searchParams,
    );
    expect(readAuditFilters(back).filters).toEqual(filters);
    expect(readCursor({ after: "a-b_c", before: "x" })).toEqual({ after: "a-b_c" });
    expect(readCursor({ after: "no spaces" })).toEqual({});
  });
});
