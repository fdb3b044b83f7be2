import crypto from "node:crypto";
import { Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subjectOfEntry } from "@/lib/audit/facts";
import { violatesPolicy } from "@/lib/audit/violates";
import { policyViolations } from "@/lib/policy/evaluate";
import { OPEN_POLICY, type IssuancePolicy } from "@/lib/policy/policy";
import { migrate, type OpenStore } from "@/lib/store/store-db";
import { MIGRATIONS } from "@/lib/store/migrations";
import { fingerprintOf, recordIssued, type LedgerEntry } from "@/lib/ledger/store";
import { prune } from "@/lib/store/prune";
import { int, mulberry32, pick, type Rng } from "@/tests/support/prng";
import { STORE_ENGINES } from "@/tests/support/store-engines";

/**
 * The audit's "violates policy" filter is a SQL predicate over facts kept at issue time; the policy's
 * one evaluator is `policyViolations`. For generated ledger entries (odd scopes included) and
 * generated policies, the predicate selects exactly the entries the evaluator flags, on both engines.
 */

const T0 = Date.UTC(2026, 10, 1, 12);
const PROJECTS = ["default", "payments", "prod", "edge-1"];
const ROLES = ["loft-cli", "vcluster", "network-peer", "metrics-reader", "custom.role"];
// Lifetimes on, just under and just over the generated limits.
const TTLS = [null, 0, 60, 61, 3599, 3600, 3601, 86_400, 86_401, 7 * 86_400, 30 * 86_400];

function scopeEntry(rng: Rng): [string, unknown] {
  const project = () => pick(rng, [...PROJECTS, "*"]);
  switch (int(rng, 0, 6)) {
    case 0:
      return ["projects", { project: project() }];
    case 1:
      return ["spaces", { project: pick(rng, PROJECTS), space: pick(rng, ["dev", "*"]) }];
    case 2:
      return [
        "virtualClusters",
        { project: pick(rng, PROJECTS), virtualCluster: pick(rng, ["vc", "*"]) },
      ];
    case 3:
      return ["clusters", { cluster: pick(rng, ["eu-1", "*"]) }];
    case 4: {
      const role: Record<string, unknown> = { role: pick(rng, ROLES) };
      if (rng() < 0.5) role.projects = [project(), ...(rng() < 0.3 ? [project()] : [])];
      return ["roles", role];
    }
    case 5:
      // Read leniently, as the evaluator does: odd shapes a token's raw claim may hold.
      return pick(rng, [
        ["roles", { role: 7 }],
        ["roles", "vcluster"],
        ["projects", { project: "" }],
        ["spaces", { project: 5, space: "*" }],
      ] as [string, unknown][]);
    default:
      return ["rules", { verbs: ["get"] }];
  }
}

/** A scope the ledger may hold: null (unrestricted), empty, odd, or a few generated entries. */
function issuedScope(rng: Rng): unknown {
  const roll = rng();
  if (roll < 0.12) return null;
  if (roll < 0.16) return {};
  if (roll < 0.19) return pick(rng, ["not a scope", 0, [], { projects: "payments" }, false]);
  const scope: Record<string, unknown[] | boolean> = {};
  for (let i = int(rng, 1, 4); i > 0; i--) {
    const [list, entry] = scopeEntry(rng);
    scope[list] = [...((scope[list] as unknown[]) ?? []), entry];
  }
  if (rng() < 0.2) scope.allowLoftCli = rng() < 0.7;
  return scope;
}

function generatedEntry(rng: Rng, i: number): Parameters<typeof recordIssued>[1] {
  const issuedAt = T0 + i * 60_000;
  const requestedTtl = pick(rng, TTLS);
  const lives = pick(rng, [null, requestedTtl ?? 3600, 1800, 90 * 86_400]);
  return {
    kind: rng() < 0.4 ? "accesskey" : "token",
    credentialName: null,
    principal: `user:u${i % 5}`,
    principalUid: null,
    user: `u${i % 5}`,
    platform: "https://platform.example",
    tokenId: null,
    fingerprint: fingerprintOf(`generated-${i}`),
    requested: {},
    issuedScope: issuedScope(rng),
    requestedTtl,
    issuedAt,
    expiresAt: lives === null ? null : issuedAt + lives * 1000,
    generation: 0,
    note: pick(rng, [null, "", "  ", "\t\n", "\u00a0", "why", " ok "]),
  };
}

function generatedPolicy(rng: Rng): IssuancePolicy {
  const limit = () => pick(rng, [null, 60, 3600, 86_400, 7 * 86_400]);
  const projectMaxTtl = Array.from({ length: int(rng, 0, 3) }, () => ({
    project: pick(rng, PROJECTS),
    maxTtl: pick(rng, [60, 3600, 86_400, 30 * 86_400]),
  }));
  return {
    maxTtl: { token: limit(), accessKey: limit() },
    projectMaxTtl,
    requireNote: rng() < 0.3,
    forbidUnrestricted: rng() < 0.3,
    forbidWildcards: rng() < 0.3,
    allowedRoles:
      rng() < 0.5 ? null : ROLES.filter(() => rng() < 0.5).concat(rng() < 0.2 ? ["other"] : []),
  };
}

describe.each(STORE_ENGINES)("violates policy on $name", (engine) => {
  let store: OpenStore;
  const entries: LedgerEntry[] = [];
  const rng = mulberry32(20_261_206);

  beforeAll(async () => {
    store = await engine.open();
    for (let i = 0; i < 400; i++)
      entries.push(await recordIssued(store.db, generatedEntry(rng, i)));
  });
  afterAll(() => store.close());

  const selected = async (policy: IssuancePolicy) =>
    (await store.db.selectFrom("ledger").select("id").where(violatesPolicy(policy)).execute())
      .map((r) => r.id)
      .sort();
  const flagged = (policy: IssuancePolicy) =>
    entries
      .filter((e) => policyViolations(policy, subjectOfEntry(e)).length > 0)
      .map((e) => e.id)
      .sort();

  it("selects nothing under the open policy", async () => {
    expect(await selected(OPEN_POLICY)).toEqual([]);
  });

  it("selects exactly what policyViolations flags, for 150 generated policies", async () => {
    let some = 0;
    for (let p = 0; p < 150; p++) {
      const policy = generatedPolicy(rng);
      const expected = flagged(policy);
      expect(await selected(policy), JSON.stringify(policy)).toEqual(expected);
      if (expected.length > 0 && expected.length < entries.length) some++;
    }
    // The generated policies split the entries, not all-or-nothing every time.
    expect(some).toBeGreaterThan(100);
  });

  it.each([
    ["forbidUnrestricted", { ...OPEN_POLICY, forbidUnrestricted: true }],
    ["forbidWildcards", { ...OPEN_POLICY, forbidWildcards: true }],
    ["requireNote", { ...OPEN_POLICY, requireNote: true }],
    ["allowedRoles []", { ...OPEN_POLICY, allowedRoles: [] }],
    ["allowedRoles vcluster", { ...OPEN_POLICY, allowedRoles: ["vcluster"] }],
    ["token maxTtl", { ...OPEN_POLICY, maxTtl: { token: 3600, accessKey: null } }],
    ["access key maxTtl", { ...OPEN_POLICY, maxTtl: { token: null, accessKey: 86_400 } }],
    [
      "project limits, one project twice",
      {
        ...OPEN_POLICY,
        projectMaxTtl: [
          { project: "payments", maxTtl: 86_400 },
          { project: "payments", maxTtl: 3600 },
          { project: "prod", maxTtl: 60 },
        ],
      },
    ],
  ] as [string, IssuancePolicy][])("agrees on %s alone", async (_name, policy) => {
    const expected = flagged(policy);
    expect(expected.length).toBeGreaterThan(0);
    expect(await selected(policy)).toEqual(expected);
  });
});

describe.each(STORE_ENGINES)("migration 0006_audit on $name", (engine) => {
  it("fills the facts of rows written before it, so old entries are judged the same", async () => {
    const db = await engine.bare();
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo("0005_policy")).error).toBeUndefined();
      const rng = mulberry32(6);
      // More than one backfill batch (500), written as the console wrote rows before.
      const entries = Array.from({ length: 620 }, (_, i) => ({
        ...generatedEntry(rng, i),
        id: crypto.randomUUID(),
      }));
      for (let start = 0; start < entries.length; start += 200) {
        await db
          .insertInto("ledger")
          .values(
            entries.slice(start, start + 200).map((e) => ({
              id: e.id,
              kind: e.kind ?? "token",
              credential_name: null,
              user_name: e.user,
              principal: e.principal,
              principal_uid: null,
              platform: e.platform,
              token_id: null,
              fingerprint: e.fingerprint,
              requested: "{}",
              issued_scope: e.issuedScope === null ? null : JSON.stringify(e.issuedScope),
              requested_ttl: e.requestedTtl,
              issued_at: e.issuedAt,
              expires_at: e.expiresAt,
              generation: 0,
              note: e.note,
              reach: null,
              revoked_at: null,
            })),
          )
          .execute();
      }
      await migrate(db);
      for (let p = 0; p < 40; p++) {
        const policy = generatedPolicy(rng);
        const rows = await db
          .selectFrom("ledger")
          .select("id")
          .where(violatesPolicy(policy))
          .execute();
        const expected = entries
          .filter(
            (e) =>
              policyViolations(policy, subjectOfEntry({ ...e, kind: e.kind ?? "token" })).length >
              0,
          )
          .map((e) => e.id)
          .sort();
        expect(rows.map((r) => r.id).sort(), JSON.stringify(policy)).toEqual(expected);
      }

      // Pruning an entry takes its facts with it (a trigger on SQLite, a cascade on PostgreSQL).
      await prune(db, 0, T0 + 10 * 365 * 86_400_000);
      const left = await db.selectFrom("ledger").select("id").execute();
      const facts = await Promise.all(
        (["ledger_projects", "ledger_roles"] as const).map((table) =>
          db
            .selectFrom(table)
            .select("entry_id")
            .where("entry_id", "not in", [...left.map((r) => r.id), ""])
            .execute(),
        ),
      );
      expect(left.length).toBeLessThan(entries.length);
      expect(facts.flat()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
