import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import {
  CHECK_IDS,
  explainAccess,
  stageOf,
  type Explanation,
  type TargetFacts,
} from "@/lib/explain/checks";
import { AUDIT_ANNOTATIONS } from "@/lib/explain/audit-event";
import type { DirectTarget } from "@/lib/explain/direct-request";
import { readAuditEvents } from "@/lib/local-platform";
import { CONSOLE_HEADER, consoleSecret } from "@/lib/server/console-secret";
import { closeDirect, direct } from "@/tests/support/direct";
import {
  foreignSigned,
  generationOf,
  genScope,
  keyOf,
  raiseGeneration,
  setUpOwners,
  signWithPlatformKey,
  tampered,
  tokenOf,
  type Credential,
  type Owner,
} from "@/tests/support/explain-credentials";
import { startTestPlatform, type TestPlatform } from "@/tests/support/platform";
import { mulberry32, pick, type Rng } from "@/tests/support/prng";

/**
 * "Why was I refused" agrees with the endpoint: for generated credentials (tokens and access keys
 * of an admin, a member, a team and a deleted team; scoped in generated ways; expired, revoked,
 * disabled, tampered, signed elsewhere, for another audience, not yet valid) × generated requests,
 * `explainAccess` fed only what the test itself knows answers what the local direct endpoint
 * answers (200-ish / 401 / 403 / 404), and its check is the one the endpoint's audit event names.
 */

const SEED = 20261206;
const REQUESTS_PER_CREDENTIAL = 30;
const T0 = Date.UTC(2026, 5, 1, 12);

type Place = { target: DirectTarget; base: string; facts: TargetFacts };
const vc = (
  project: string,
  name: string,
  facts: TargetFacts = { directEndpoint: true },
): Place => ({
  target: { kind: "ProjectVirtualCluster", project, virtualCluster: name },
  base: `/kubernetes/project/${project}/virtualcluster/${name}`,
  facts,
});
const space = (
  project: string,
  name: string,
  facts: TargetFacts = { directEndpoint: true },
): Place => ({
  target: { kind: "ProjectSpace", project, space: name },
  base: `/kubernetes/project/${project}/space/${name}`,
  facts,
});
const MISSING: TargetFacts = { directEndpoint: false, why: "not found" };
const PLACES: Place[] = [
  {
    target: { kind: "Cluster", cluster: "loft-cluster" },
    base: "/kubernetes/cluster",
    facts: { directEndpoint: true },
  },
  vc("default", "dev-vcluster"),
  vc("default", "preview"),
  vc("payments", "checkout"),
  vc("platform", "shared-tools"),
  vc("team-ops", "ops-vc"),
  vc("default", "missing", MISSING),
  vc("default", "in-eu", { directEndpoint: false, why: "runs in eu-west-1" }),
  space("default", "dev"),
  space("payments", "payments-dev"),
  space("platform", "ops"),
  space("nope", "dev", MISSING),
];

interface Probe {
  method: string;
  /** Path without the query. */
  path: string;
  query: string;
  place?: Place;
  body?: unknown;
}

const REVIEW = {
  apiVersion: "authorization.k8s.io/v1",
  kind: "SelfSubjectAccessReview",
  spec: { nonResourceAttributes: { path: "/version", verb: "get" } },
};

function genProbe(rng: Rng): Probe {
  const place = pick(rng, PLACES);
  const roll = rng();
  if (roll < 0.04) {
    return {
      method: "GET",
      path: pick(rng, ["/kubernetes/project/default", "/kubernetes/project/default/cluster/x/api"]),
      query: "",
    };
  }
  if (roll < 0.12) {
    return {
      method: "POST",
      path: `${place.base}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
      query: "",
      place,
      body: REVIEW,
    };
  }
  if (roll < 0.35) {
    const p = pick(rng, [
      "/version",
      "/api",
      "/apis",
      "/healthz",
      "/openapi/v2",
      "/apis/authorization.k8s.io/v1",
    ]);
    return { method: rng() < 0.85 ? "GET" : "POST", path: `${place.base}${p}`, query: "", place };
  }
  const apps = rng() < 0.15;
  const resource = apps
    ? "deployments"
    : pick(rng, ["namespaces", "pods", "configmaps", "services"]);
  const method = pick(rng, ["GET", "GET", "GET", "POST", "PUT", "DELETE"]);
  const named = method === "PUT" || (method !== "POST" && rng() < 0.4);
  let p = `${place.base}${apps ? "/apis/apps/v1" : "/api/v1"}`;
  if (resource !== "namespaces" && rng() < 0.8)
    p += `/namespaces/${pick(rng, ["default", "kube-system"])}`;
  p += `/${resource}`;
  if (named) p += `/${pick(rng, ["default", "web-0", "app-config"])}`;
  return {
    method,
    path: p,
    query: method === "GET" && !named && rng() < 0.15 ? "watch=true" : "",
    place,
  };
}

/** Probes every credential gets: a bad path, a self review, the cluster, a missing target. */
const fixedProbes = (rng: Rng): Probe[] => {
  const vcluster = pick(rng, PLACES.slice(1, 6));
  return [
    { method: "GET", path: "/kubernetes/project/default", query: "" },
    {
      method: "POST",
      path: `${vcluster.base}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
      query: "",
      place: vcluster,
      body: REVIEW,
    },
    { method: "GET", path: "/kubernetes/cluster/version", query: "", place: PLACES[0] },
    { method: "GET", path: `${PLACES[6]!.base}/api/v1/namespaces`, query: "", place: PLACES[6] },
  ];
};

let now = T0;
let t: TestPlatform;
const credentials: Credential[] = [];

/** Credentials of every kind; all issued at T0, the requests made 120 s later. */
async function makeCredentials(rng: Rng) {
  const owners = await setUpOwners(t);
  const { admin, alice, ops, gone } = owners;
  const adminGen = await generationOf(t, "admin");
  const oldGen = await generationOf(t, "alice");
  for (let i = 0; i < 4; i++) {
    const scope = genScope(rng, alice.projects);
    credentials.push(
      await tokenOf(t, alice, scope ? { scope } : {}, oldGen, "revoked alice token"),
    );
  }
  const aliceGen = await raiseGeneration(t, "alice");
  for (const c of credentials) c.facts.owner!.tokenGeneration = aliceGen;
  const gens = { admin: adminGen, alice: aliceGen, ops: undefined, gone: undefined };
  for (let i = 0; i < 24; i++) {
    const owner = [admin, alice, ops][i % 3]!;
    const scope = genScope(rng, owner.projects);
    const label = `${owner.name} ${i % 2 ? "key" : "token"}`;
    const gen = gens[owner.name as keyof typeof gens];
    credentials.push(
      i % 2
        ? await keyOf(t, owner, scope ? { scope } : {}, now, label)
        : await tokenOf(t, owner, scope ? { scope } : {}, gen, label),
    );
  }
  const broad = { scope: { projects: [{ project: "*" as const }] } };
  credentials.push(await tokenOf(t, admin, { ttl: 60 }, adminGen, "expired admin token"));
  credentials.push(await tokenOf(t, alice, { ttl: 60, ...broad }, aliceGen, "expired alice token"));
  credentials.push(await keyOf(t, ops, { ttl: 60 }, now, "expired team key"));
  credentials.push(await keyOf(t, alice, { ttl: 3600, ...broad }, now, "alice key, not expired"));
  credentials.push(await keyOf(t, alice, { disabled: true }, now, "disabled alice key"));
  credentials.push(await keyOf(t, ops, { disabled: true }, now, "disabled team key"));
  const goneToken = await tokenOf(t, gone, {}, undefined, "token of a deleted team");
  const goneKey = gone.key;
  if (
    (await t.call("DELETE", "/kubernetes/management/apis/management.loft.sh/v1/teams/gone"))
      .status !== 200
  ) {
    throw new Error("deleting team gone");
  }
  goneToken.facts.owner!.exists = false;
  credentials.push(goneToken);
  credentials.push({
    label: "key of a deleted team",
    bearer: goneKey,
    facts: { credential: { kind: "accessKey", known: false } },
  });
  credentials.push({
    label: "unknown key",
    bearer: crypto.randomBytes(48).toString("base64url"),
    facts: { credential: { kind: "accessKey", known: false } },
  });
  await craftedTokens(admin, adminGen);
}

/** Tokens signed with the platform's key (or broken) from a genuine admin token's claims. */
async function craftedTokens(admin: Owner, adminGen: number) {
  const adminToken = (await tokenOf(t, admin, {}, adminGen, "admin token")).bearer;
  const claims = decodeJwt(adminToken) as Record<string, unknown>;
  const kid = JSON.parse(Buffer.from(adminToken.split(".")[0]!, "base64url").toString())
    .kid as string;
  const facts = (
    c: Record<string, unknown>,
    signature: "valid" | "invalid" = "valid",
    exists = true,
  ) => ({
    enforcer: "local" as const,
    projectNamespacePrefix: "p-",
    credential: { kind: "token" as const, signature, claims: c },
    owner: { exists, tokenGeneration: adminGen, rights: admin.rights },
  });
  const later = T0 / 1000 + 3600;
  const loft = claims["loft.sh"] as Record<string, unknown>;
  const variants: Array<[string, Record<string, unknown>, boolean?]> = [
    ["another audience", { ...claims, aud: ["https://elsewhere.example"] }],
    [
      "another audience, scoped",
      {
        ...claims,
        aud: "https://kubernetes.default.svc",
        "loft.sh": { ...loft, scope: { clusters: [{ cluster: "*" }] } },
      },
    ],
    ["not yet valid", { ...claims, nbf: later }],
    ["not yet valid, expired too", { ...claims, nbf: later, exp: T0 / 1000 + 1 }],
    ["no expiry", { ...claims, exp: undefined }],
    [
      "a scope with unknown fields",
      { ...claims, "loft.sh": { ...loft, scope: { projects: [{ project: "*" }], later: ["x"] } } },
    ],
    ["a team named like no team", { ...claims, "loft.sh": { ...loft, kind: "Team" } }, false],
  ];
  for (const [label, c, exists] of variants) {
    const bearer = await signWithPlatformKey(t, kid, c);
    credentials.push({
      label,
      bearer,
      facts: facts(decodeJwt(bearer) as Record<string, unknown>, "valid", exists ?? true),
    });
  }
  credentials.push({
    label: "tampered",
    bearer: tampered(adminToken),
    facts: facts(claims, "invalid"),
  });
  credentials.push({
    label: "signed by another key",
    bearer: await foreignSigned(adminToken),
    facts: facts(claims, "invalid"),
  });
  credentials.push({ label: "genuine admin token", bearer: adminToken, facts: facts(claims) });
}

beforeAll(async () => {
  t = await startTestPlatform({ clock: () => now });
  await makeCredentials(mulberry32(SEED));
  now = T0 + 120_000;
});
afterAll(async () => {
  closeDirect(t);
  await t.close();
});

/** What the endpoint must answer for an explanation: through (2xx, or the simulation's 404/405), 401, 403 or 404. */
function expectedAnswer(e: Explanation): "through" | 401 | 403 | 404 {
  if (e.verdict === "allowed") return "through";
  if (stageOf(e.check!) === "authentication") return 401;
  return e.check === "not-a-direct-path" || e.check === "no-direct-endpoint" ? 404 : 403;
}

const answerOf = (status: number, expected: ReturnType<typeof expectedAnswer>) =>
  expected === "through" && ((status >= 200 && status < 300) || status === 404 || status === 405)
    ? "through"
    : status;

describe("explainAccess agrees with the local direct endpoint", () => {
  it(`≥ 40 generated credentials × ${REQUESTS_PER_CREDENTIAL} requests (seed ${SEED})`, async () => {
    expect(credentials.length).toBeGreaterThanOrEqual(40);
    const rng = mulberry32(SEED + 1);
    const headers = { [CONSOLE_HEADER]: consoleSecret() }; // not throttled: refusals are the point
    const sent: Array<{ id: string; c: Credential; p: Probe; e: Explanation; status: number }> = [];
    for (const c of credentials) {
      const fixed = fixedProbes(rng);
      const probes = [
        ...fixed,
        ...Array.from({ length: REQUESTS_PER_CREDENTIAL - fixed.length }, () => genProbe(rng)),
      ];
      const results = await Promise.all(
        probes.map(async (p) => {
          const id = crypto.randomUUID();
          const query = [p.query, `dce-probe=${id}`].filter(Boolean).join("&");
          const res = await direct(t, c.bearer, p.method, `${p.path}?${query}`, headers, p.body);
          const facts = { ...c.facts, now, target: p.place?.facts };
          const e = explainAccess(facts, { method: p.method, path: p.path, query: p.query });
          return { id, c, p, e, status: res.status };
        }),
      );
      sent.push(...results);
    }
    await t.platform.flushAudit();
    const events = await readAuditEvents({ dataDir: t.dataDir, limit: 10_000 });
    const byProbe = new Map(
      events.map((ev) => [new URL(ev.requestURI, "http://x").searchParams.get("dce-probe"), ev]),
    );

    const mismatches: string[] = [];
    const checks = new Map<string, number>();
    let allowed = 0;
    for (const { id, c, p, e, status } of sent) {
      expect(e.verdict, `${c.label}: ${p.method} ${p.path}: ${e.evidence.join(" ")}`).not.toBe(
        "depends",
      );
      const expected = expectedAnswer(e);
      const event = byProbe.get(id);
      const check = event?.annotations?.[AUDIT_ANNOTATIONS.check];
      if (answerOf(status, expected) !== expected || check !== e.check || !event) {
        mismatches.push(
          `${c.label}: ${p.method} ${p.path} → ${status} (audit ${check ?? "-"}); explained ${e.verdict} ${e.check ?? ""}: ${e.evidence[0]}`,
        );
      }
      if (e.verdict === "allowed") {
        allowed++;
        if (event?.annotations?.[AUDIT_ANNOTATIONS.decision] !== "allow")
          mismatches.push(`${id}: not "allow"`);
      }
      if (e.check) checks.set(e.check, (checks.get(e.check) ?? 0) + 1);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(sent.length).toBeGreaterThanOrEqual(40 * 30);
    // Both outcomes, and every check, are exercised.
    expect(allowed).toBeGreaterThan(sent.length / 10);
    expect([...checks.keys()].sort()).toEqual([...CHECK_IDS].sort());
  });
});
