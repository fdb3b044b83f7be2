import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";
import { int, mulberry32, pick, type Rng } from "../support/prng";

/**
 * Seeded bad-input fuzzing of the local platform's create endpoints over real HTTP: wrong types,
 * huge arrays, deep nesting, hostile strings, prototype-pollution keys, envelope tricks, invalid
 * JSON, wrong content types and oversize bodies. Every answer must be a 4xx Kubernetes Status that
 * names the problem (a cause's field path or the reason), or — for hostile but legal text — a 201
 * that stored the value unchanged. Reproduce a failure with FUZZ_SEED=<seed printed>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_c0de) >>> 0;
const CASES = 1200;
const WORKERS = 8;
const v1 = "management.loft.sh/v1";

type Path = Array<string | number>;
const fieldPath = (path: Path) =>
  path.reduce<string>(
    (out, p) => (typeof p === "number" ? `${out}[${p}]` : out ? `${out}.${p}` : p),
    "",
  );

/** Create targets: a valid body each, and which string fields are free text (any value ≤ max is legal). */
interface Target {
  name: string;
  url: string;
  body: () => Record<string, unknown>;
}
const rule = () => ({
  verbs: ["get"],
  resources: [{ group: "", resources: ["pods"], resourceNames: ["a"] }],
  namespaces: ["ns"],
  nonResourceURLs: ["/healthz"],
  requestTargets: ["Cluster"],
  cluster: "loft-cluster",
  virtualClusters: [{ name: "vc", namespace: "ns" }],
});
const meta = () => ({ generateName: "fz-", labels: { team: "a" }, annotations: { note: "n" } });
const TARGETS: Target[] = [
  {
    name: "directclusterendpointtokens",
    url: `${API_PREFIX}/directclusterendpointtokens`,
    body: () => ({
      apiVersion: v1,
      kind: "DirectClusterEndpointToken",
      metadata: meta(),
      spec: {
        ttl: 600,
        scope: {
          allowLoftCli: false,
          projects: [{ project: "default" }],
          spaces: [{ project: "default", space: "dev" }],
          virtualClusters: [{ project: "payments", virtualCluster: "*" }],
          rules: [rule()],
        },
      },
    }),
  },
  {
    name: "projects",
    url: `${API_PREFIX}/projects`,
    body: () => ({
      apiVersion: v1,
      kind: "Project",
      metadata: meta(),
      spec: {
        displayName: "Fuzz",
        description: "d",
        members: [{ kind: "User", name: "admin", clusterRole: "loft-management-project-user" }],
      },
    }),
  },
  ...(["spaceinstances", "virtualclusterinstances"] as const).map((plural) => ({
    name: plural,
    url: `${API_PREFIX}/namespaces/p-default/${plural}`,
    body: () => ({
      apiVersion: v1,
      kind: plural === "spaceinstances" ? "SpaceInstance" : "VirtualClusterInstance",
      metadata: meta(),
      spec: {
        displayName: "Fuzz",
        description: "d",
        clusterRef: { cluster: "loft-cluster", namespace: "ns", virtualCluster: "vc" },
        owner: { user: "admin", team: "t" },
      },
      status: { phase: "Ready" },
    }),
  })),
  {
    name: "users",
    url: `${API_PREFIX}/users`,
    body: () => ({
      apiVersion: v1,
      kind: "User",
      metadata: meta(),
      spec: {
        username: "fz",
        displayName: "Fuzz",
        email: "f@example.com",
        subject: "fz",
        clusterRoles: [{ name: "viewer" }],
      },
    }),
  },
  {
    name: "ownedaccesskeys",
    url: `${API_PREFIX}/ownedaccesskeys`,
    body: () => ({
      apiVersion: v1,
      kind: "OwnedAccessKey",
      metadata: meta(),
      spec: {
        user: "admin",
        displayName: "Fuzz",
        description: "d",
        ttl: 3600,
        scope: { projects: [{ project: "default" }], rules: [rule()] },
      },
    }),
  },
];

/** String fields that accept any text up to a length (everything else is a name, enum or URL). */
const FREE_TEXT =
  /(^|\.)(displayName|description|username|email|subject|clusterRole|cluster|group|verbs\[\d+\]|resources\[\d+\]|resourceNames\[\d+\]|namespaces\[\d+\]|labels\.\w+|annotations\.\w+)$|rules\[\d+\]\.virtualClusters\[\d+\]\.(name|namespace)$/;
/** Names, enums and URL patterns: `clusterRef.cluster` is a DNS label, not free text. */
const STRICT_OVERRIDE = /clusterRef\.cluster$/;

const HOSTILE_FIRST = ["A", "\u0000", "é", "_", " ", "🦄", "\u202e", "<", "'", "\t", "\ud800", "Ⅻ"];
const HOSTILE_PARTS = [
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u007f",
  "\u200b",
  "\u202e",
  "\ufeff",
  "\ud83d",
  "\udc00",
  "e\u0301",
  "🦄👩‍👩‍👧",
  "<script>alert(1)</script>",
  "'; DROP TABLE objects;--",
  "%00",
  "../../etc/passwd",
  "${jndi:ldap://x}",
  "\r\nSet-Cookie: x=1",
  "\\",
  '"',
  "Ωmega",
  "日本語",
  "ADMIN",
];
function hostileString(rng: Rng): string {
  let s = pick(rng, HOSTILE_FIRST);
  for (let i = int(rng, 0, 4); i > 0; i--) s += pick(rng, HOSTILE_PARTS);
  return s;
}

/** Every node of a body below the envelope: [path, value]. */
function nodes(value: unknown, path: Path = []): Array<[Path, unknown]> {
  const out: Array<[Path, unknown]> = [];
  if (path.length > 0) out.push([path, value]);
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...nodes(v, [...path, i])));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (path.length === 0 && (k === "apiVersion" || k === "kind")) continue;
      out.push(...nodes(v, [...path, k]));
    }
  return out;
}
function setAt(root: Record<string, unknown>, path: Path, value: unknown) {
  let node = root as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}
function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const p of path) node = (node as Record<string | number, unknown> | undefined)?.[p];
  return node;
}
const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const RAW = "@@FUZZ_RAW@@";
const KEY = "@@FUZZ_KEY@@";

interface Case {
  what: string;
  target: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | (() => ReadableStream<Uint8Array>);
  /** Acceptable HTTP codes; a 201 only when `accepts` says which value must have been kept. */
  codes: number[];
  /** A cause's field must be this path (or below it). */
  field?: string;
  /** Or the Status message must match. */
  message?: RegExp;
  /** A 201 is fine when the value at `path` came back as sent (or for "any"). */
  accepts?: { path: Path; value: unknown } | "any";
}

const JSON_HEADERS = { "content-type": "application/json" };

function structural(rng: Rng, target: Target): Case {
  const body = target.body();
  const all = nodes(body);
  const base = { target: target.name, url: target.url, method: "POST", headers: JSON_HEADERS };
  const hasNumbers = all.some(([, v]) => typeof v === "number");
  const hasArrays = all.some(([, v]) => Array.isArray(v) && v.length > 0);
  const kind = pick(rng, [
    "type",
    "type",
    "type",
    "string",
    "string",
    "string",
    hasNumbers ? "number" : "type",
    hasArrays ? "array" : "type",
    "deep",
    "proto",
    "unknown",
  ]);
  if (kind === "string") {
    const leaves = all.filter(([, v]) => typeof v === "string");
    const [path] = pick(rng, leaves);
    const field = fieldPath(path);
    const free = FREE_TEXT.test(field) && !STRICT_OVERRIDE.test(field);
    const overlong = free && rng() < 0.3;
    const value = overlong ? hostileString(rng) + "x".repeat(5000) : hostileString(rng);
    setAt(body, path, value);
    return {
      ...base,
      what: `hostile string at ${field}: ${JSON.stringify(value.slice(0, 40))}`,
      body: JSON.stringify(body),
      codes: free && !overlong ? [201, 422] : [422],
      field,
      accepts: free && !overlong ? { path, value } : undefined,
    };
  }
  if (kind === "number") {
    const leaves = all.filter(([, v]) => typeof v === "number");
    const [path] = pick(rng, leaves);
    const raw = pick(rng, ["-1", "0", "0.5", "1e308", "-1e308", "9007199254740993", "1e400", "-0"]);
    setAt(body, path, RAW);
    return {
      ...base,
      what: `bad number ${raw} at ${fieldPath(path)}`,
      body: JSON.stringify(body).replace(`"${RAW}"`, raw),
      codes: [422],
      field: fieldPath(path),
    };
  }
  if (kind === "array") {
    const arrays = all.filter(([, v]) => Array.isArray(v) && (v as unknown[]).length > 0);
    const [path, value] = pick(rng, arrays);
    const size = int(rng, 1001, 1500);
    setAt(
      body,
      path,
      Array.from({ length: size }, () => (value as unknown[])[0]),
    );
    return {
      ...base,
      what: `array of ${size} at ${fieldPath(path)}`,
      body: JSON.stringify(body),
      codes: [422],
      field: fieldPath(path),
    };
  }
  if (kind === "deep") {
    const [path] = pick(rng, all);
    const depth = int(rng, 40, 5000);
    const [open, close] = rng() < 0.5 ? ["[", "]"] : ['{"a":', "}"];
    setAt(body, path, RAW);
    return {
      ...base,
      what: `nesting ${depth} deep at ${fieldPath(path)}`,
      body: JSON.stringify(body).replace(
        `"${RAW}"`,
        `${open.repeat(depth)}${open === "[" ? "1" : "1"}${close.repeat(depth)}`,
      ),
      codes: [400],
      message: /nested deeper than \d+ levels/,
    };
  }
  if (kind === "proto" || kind === "unknown") {
    const objects = [
      [[], body] as [Path, unknown],
      ...all.filter(([, v]) => typeOf(v) === "object"),
    ];
    const [path, value] = pick(rng, objects);
    const key =
      kind === "proto"
        ? pick(rng, ["__proto__", "constructor", "prototype"])
        : pick(rng, ["toString", "valueOf", "hasOwnProperty", "polluted", "isAdmin", "then"]);
    const injected = pick(rng, [
      '{"polluted":true}',
      ...(kind === "proto" ? ['{"prototype":{"polluted":true}}'] : []),
      '"x"',
      "1",
      "null",
      '{"clusterRoles":[{"name":"loft-management-admin"}]}',
    ]);
    (value as Record<string, unknown>)[KEY] = RAW;
    const text = JSON.stringify(body).replace(`"${KEY}":"${RAW}"`, `"${key}":${injected}`);
    // Labels and annotations take any key (a string value is kept as sent); a status is the
    // server's own and may be ignored; everywhere else an unknown key is a 422 naming it.
    const where = fieldPath(path);
    const labels = /(labels|annotations)$/.test(where);
    const status = /^status$/.test(where);
    return {
      ...base,
      what: `key ${key}=${injected} in ${where || "the body"}`,
      body: text,
      ...(kind === "proto"
        ? { codes: [400], message: new RegExp(`forbidden key "${key}"`) }
        : labels || status
          ? { codes: [201, 422], field: fieldPath([...path, key]) }
          : { codes: [422], field: fieldPath([...path, key]) }),
      accepts: labels
        ? { path: [...path, key], value: JSON.parse(injected) as unknown }
        : status
          ? "any"
          : undefined,
    };
  }
  // A value of another type.
  const [path, value] = pick(rng, all);
  const replacements = [
    "text",
    42,
    -3.5,
    true,
    null,
    [],
    [1, "a", null],
    {},
    { a: { b: [] } },
  ].filter((r) => typeOf(r) !== typeOf(value));
  const replacement = pick(rng, replacements);
  setAt(body, path, replacement);
  return {
    ...base,
    what: `${typeOf(replacement)} ${JSON.stringify(replacement)} in place of ${typeOf(value)} at ${fieldPath(path)}`,
    body: JSON.stringify(body),
    codes: [422],
    field: fieldPath(path),
  };
}

const ENVELOPE_VALUES: unknown[] = [
  undefined,
  42,
  null,
  [],
  {},
  { toString: "x" },
  { toString: 1, valueOf: 2 },
  { toJSON: "x" },
  "v1",
  "management.loft.sh/v2",
  "\u0000",
  "DirectClusterEndpointToken ",
];
const INVALID_JSON = [
  "{",
  "}",
  '{"apiVersion":',
  "{'apiVersion':'x'}",
  '{"a":1,}',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":undefined}',
  "\ufeff{}",
  '{"a":"\u0000"',
  "[1,2",
  '{"a":1}garbage',
  "nul",
  "tru",
  '"unterminated',
  "/* comment */ {}",
];
const NOT_AN_OBJECT = ["null", "[]", "123", '"string"', "true", "[{}]", "1e999"];
const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/yaml",
  "application/merge-patch+json",
  "application/json-patch+json",
  "text/html",
  "application/xml",
  "application/jsonx",
  "*/*",
];

function malformed(rng: Rng, target: Target): Case {
  const base = { target: target.name, url: target.url, method: "POST" };
  const kind = pick(rng, ["envelope", "json", "object", "bytes", "ctype", "ctype-none"]);
  if (kind === "envelope") {
    const body = target.body();
    const field = pick(rng, ["apiVersion", "kind"]);
    const value = pick(rng, ENVELOPE_VALUES);
    if (value === undefined) delete body[field];
    else body[field] = value;
    return {
      ...base,
      headers: JSON_HEADERS,
      what: `${field}=${JSON.stringify(value)}`,
      body: JSON.stringify(body),
      codes: [400],
      message: field === "kind" ? /the kind in the data/ : /the API version in the data/,
    };
  }
  if (kind === "json" || kind === "object") {
    const text = pick(rng, kind === "json" ? INVALID_JSON : NOT_AN_OBJECT);
    return {
      ...base,
      headers: JSON_HEADERS,
      what: `body ${JSON.stringify(text)}`,
      body: text,
      codes: [400],
      message: kind === "json" ? /not valid JSON/ : /must be a JSON object/,
    };
  }
  if (kind === "bytes") {
    const bytes = Uint8Array.from({ length: int(rng, 1, 2000) }, () => int(rng, 0, 255));
    bytes[0] = pick(rng, [0x00, 0xff, 0x80, 0x7b /* { */]);
    return {
      ...base,
      headers: JSON_HEADERS,
      what: `${bytes.length} random bytes`,
      body: bytes,
      codes: [400],
      message: /not valid JSON|must be a JSON object|API version/,
    };
  }
  if (kind === "ctype") {
    const type = pick(rng, CONTENT_TYPES);
    return {
      ...base,
      headers: { "content-type": type },
      what: `content-type ${type}`,
      body: JSON.stringify(target.body()),
      codes: [415],
      message: /unknown format/,
    };
  }
  return {
    ...base,
    headers: {},
    what: "no content-type",
    body: new TextEncoder().encode(JSON.stringify(target.body())),
    codes: [415],
    message: /unknown format.*got "none"/,
  };
}

const MIB = 1024 * 1024;
function oversize(target: Target): Case[] {
  const base = {
    target: target.name,
    url: target.url,
    method: "POST",
    headers: JSON_HEADERS,
    codes: [413],
    message: /Request entity too large/,
  };
  const body = target.body();
  (body.metadata as Record<string, unknown>).annotations = { big: "x".repeat(MIB + 10) };
  return [
    { ...base, what: "1 MiB annotation (content-length)", body: JSON.stringify(body) },
    {
      ...base,
      what: "1.5 MiB chunked body",
      body: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"a":"'));
            for (let i = 0; i < 24; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
            controller.enqueue(new TextEncoder().encode('"}'));
            controller.close();
          },
        }),
    },
  ];
}

function otherRequests(): Case[] {
  const cases: Case[] = [];
  for (const target of TARGETS) {
    for (const method of ["PUT", "PATCH"]) {
      cases.push({
        target: target.name,
        url: target.url,
        method,
        headers: JSON_HEADERS,
        what: `${method} on the collection`,
        body: JSON.stringify(target.body()),
        codes: [405],
        message: /does not allow this method/,
      });
    }
  }
  const lists = [`${API_PREFIX}/projects`, `${API_PREFIX}/namespaces/p-default/spaceinstances`];
  const queries: Array<[string, RegExp]> = [
    ["limit=abc", /limit must be a non-negative integer/],
    ["limit=-1", /limit must be a non-negative integer/],
    ["limit=1e3", /limit must be a non-negative integer/],
    ["continue=%%%", /the request URL is malformed|continue key is not valid/],
    ["continue=eyJ2IjoxfQ", /continue key is not valid/],
    [`continue=${"A".repeat(3000)}`, /continue key is not valid/],
    ["labelSelector=a%20in%20(", /unable to parse requirement/],
    ["labelSelector=%00%3D%3D", /unable to parse requirement/],
    ["fieldSelector=spec.x%3D1", /unable to parse requirement/],
    [`search=${"s".repeat(300)}`, /search must be at most 253 characters/],
  ];
  for (const url of lists)
    for (const [query, message] of queries)
      cases.push({
        target: url,
        url: `${url}?${query}`,
        method: "GET",
        headers: {},
        what: `GET ?${query.slice(0, 40)}`,
        codes: [400],
        message,
      });
  return cases;
}

/** Checks one answer; returns what is wrong, or null. */
function judge(c: Case, status: number, text: string): string | null {
  if (status >= 500) return `HTTP ${status}: ${text.slice(0, 300)}`;
  if (!c.codes.includes(status))
    return `HTTP ${status}, expected ${c.codes.join("/")}: ${text.slice(0, 300)}`;
  let body: {
    kind?: string;
    apiVersion?: string;
    status?: string;
    code?: number;
    message?: string;
    details?: { causes?: Array<{ field?: string; reason?: string; message?: string }> };
  };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `HTTP ${status} without JSON: ${text.slice(0, 200)}`;
  }
  if (status === 201) {
    if (!c.accepts) return "accepted";
    if (c.accepts === "any") return null;
    const kept = getAt(body, c.accepts.path);
    if (JSON.stringify(kept) !== JSON.stringify(c.accepts.value))
      return `201 but ${fieldPath(c.accepts.path)} came back as ${JSON.stringify(kept)}`;
    return null;
  }
  if (body.kind !== "Status" || body.apiVersion !== "v1" || body.status !== "Failure")
    return `not a Status: ${text.slice(0, 200)}`;
  if (body.code !== status) return `Status code ${body.code} on HTTP ${status}`;
  if (typeof body.message !== "string" || body.message.length === 0)
    return "Status without message";
  if (c.message && !c.message.test(body.message))
    return `message ${JSON.stringify(body.message.slice(0, 200))} does not match ${c.message}`;
  if (c.field) {
    const causes = body.details?.causes ?? [];
    if (causes.length === 0) return `no causes: ${body.message.slice(0, 200)}`;
    const bad = causes.find((cause) => !cause.field || !cause.reason || !cause.message);
    if (bad) return `incomplete cause ${JSON.stringify(bad)}`;
    const field = c.field;
    const named = causes.some(
      (cause) =>
        cause.field === field ||
        cause.field!.startsWith(`${field}.`) ||
        cause.field!.startsWith(`${field}[`),
    );
    if (!named)
      return `no cause names ${field}: ${JSON.stringify(causes.map((x) => x.field).slice(0, 5))}`;
  }
  return null;
}

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe(`bad input fuzz (FUZZ_SEED=${SEED})`, () => {
  it(`${CASES}+ malformed or hostile requests: never a 5xx, always a Status naming the problem`, async () => {
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const rng = mulberry32(SEED);
    const cases: Case[] = [...TARGETS.flatMap(oversize), ...otherRequests()];
    for (let i = 0; cases.length < CASES + 50; i++) {
      const target = pick(rng, TARGETS);
      cases.push(rng() < 0.75 ? structural(rng, target) : malformed(rng, target));
    }
    expect(cases.length).toBeGreaterThanOrEqual(1000);

    const failures: string[] = [];
    let accepted = 0;
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const index = next++;
        const c = cases[index]!;
        const body = typeof c.body === "function" ? c.body() : c.body;
        try {
          const res = await fetch(`${t.origin}${c.url}`, {
            method: c.method,
            headers: { authorization: `Bearer ${t.adminKey}`, ...c.headers },
            body,
            ...(typeof c.body === "function" ? { duplex: "half" } : {}),
          } as RequestInit);
          const text = await res.text();
          const problem = judge(c, res.status, text);
          if (res.status === 201) accepted++;
          if (problem) failures.push(`#${index} ${c.target}: ${c.what} → ${problem}`);
        } catch (error) {
          failures.push(`#${index} ${c.target}: ${c.what} → request failed: ${String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));

    expect(failures, `FUZZ_SEED=${SEED}: ${failures.length} of ${cases.length} failed`).toEqual([]);
    // Most cases are invalid; the generator must not drift into sending valid bodies.
    expect(accepted).toBeLessThan(cases.length / 4);

    // Nothing leaked onto Object.prototype in this process (the platform runs in it).
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // The server is still up and still issues tokens.
    const health = await t.call("GET", `${API_PREFIX}/projects`);
    expect(health.status).toBe(200);
    const token = await t.call("POST", `${API_PREFIX}/directclusterendpointtokens`, {
      body: { apiVersion: v1, kind: "DirectClusterEndpointToken", spec: { ttl: 60 } },
    });
    expect(token.status).toBe(201);
    expect(decodeJwt(token.body.status.token as string).sub).toBe("admin");
  });
});
