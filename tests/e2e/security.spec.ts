import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type Page,
  type Request,
} from "@playwright/test";
import Database from "better-sqlite3";
import { EncryptJWT } from "jose";
import { E2E } from "./env";
import {
  chooseDefaultProject,
  freePortIn,
  signInThroughForm,
  startSecondServer,
  type ConsoleServer,
} from "./second-server";
import { int, mulberry32, pick, type Rng } from "../support/prng";

/**
 * Security tests against the real server: the issue-token server action replayed with hostile
 * arguments and from a foreign origin, security headers and CSP nonces, forged session cookies,
 * sign-in rate limits (on a second server, so other specs' sign-ins are not blocked) and a
 * non-admin through the dashboard's own routes.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x0ac7_1011) >>> 0;
const PAYLOADS = 220;
const signedOut = { cookies: [], origins: [] };

interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

const REPLAY_HEADERS = [
  "next-action",
  "next-router-state-tree",
  "content-type",
  "accept",
  "origin",
];

/** What replaying a server-action request needs: its URL, body and the headers Next.js reads. */
function replayable(request: Request, all: Record<string, string>): CapturedAction {
  const headers: Record<string, string> = {};
  for (const name of REPLAY_HEADERS) if (all[name]) headers[name] = all[name];
  return { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
}

/** A request that must be a server-action POST; fails, naming it, if it is not. */
async function capturedActionOf(request: Request): Promise<CapturedAction> {
  const all = await request.allHeaders();
  expect(
    all["next-action"],
    `${request.method()} ${request.url()} carries no Next-Action header: not a server action`,
  ).toBeTruthy();
  return replayable(request, all);
}

/** Waits for the next server-action POST the page sends and records what replaying it needs. */
function captureAction(page: Page, pathname: string): Promise<CapturedAction> {
  return new Promise((resolve) => {
    page.on("request", (request) => {
      if (request.method() !== "POST" || new URL(request.url()).pathname !== pathname) return;
      void request.allHeaders().then((all) => {
        if (all["next-action"]) resolve(replayable(request, all));
      });
    });
  });
}

/** Encodes action arguments the way React's encodeReply does for plain JSON ("$" strings escaped). */
const encodeArgs = (args: unknown[]) =>
  JSON.stringify(args, (_key, value: unknown) =>
    typeof value === "string" && value.startsWith("$") ? `$${value}` : value,
  );

const HOSTILE_STRINGS = [
  "",
  " ",
  "DEFAULT",
  "default ",
  "a".repeat(64),
  "x".repeat(5000),
  "\u0000",
  "de\u0000fault",
  "\u202edefault",
  "défault",
  "🦄",
  "<script>alert(1)</script>",
  "'; DROP TABLE objects;--",
  "../../etc/passwd",
  "$1",
  "$@0",
  "$K1",
  "*/*",
  "\r\nSet-Cookie: x=1",
  "__proto__",
];

/** One request body that is invalid by construction, so no payload may ever yield a token. */
function hostileInput(rng: Rng): { what: string; input: unknown } {
  const valid = () => ({
    unrestricted: false,
    spec: { ttl: 3600, scope: { projects: [{ project: "default" }] } },
  });
  const kind = pick(rng, [
    "type",
    "type",
    "name",
    "name",
    "array",
    "deep",
    "key",
    "proto",
    "ttl",
    "logic",
    "shape",
  ]);
  const body = valid() as { unrestricted: unknown; spec: Record<string, unknown> };
  const scope = body.spec.scope as Record<string, unknown>;
  switch (kind) {
    case "type": {
      const where = pick(rng, [
        "unrestricted",
        "spec",
        "scope",
        "projects",
        "projects[0]",
        "project",
      ]);
      const wrong: Record<string, unknown[]> = {
        unrestricted: ["true", 1, null, [], {}],
        spec: ["text", 42, null, [], true],
        scope: ["text", 42, null, [], true],
        projects: ["text", 42, null, {}, true],
        "projects[0]": ["text", 42, null, [], true],
        project: [42, true, null, [], {}],
      };
      const value = pick(rng, wrong[where]!);
      if (where === "unrestricted") body.unrestricted = value;
      else if (where === "spec") body.spec = value as never;
      else if (where === "scope") body.spec.scope = value;
      else if (where === "projects") scope.projects = value;
      else if (where === "projects[0]") scope.projects = [value];
      else scope.projects = [{ project: value }];
      return { what: `${JSON.stringify(value)} at ${where}`, input: body };
    }
    case "name": {
      const value = pick(rng, HOSTILE_STRINGS);
      const field = pick(rng, ["projects", "spaces", "virtualClusters"]);
      if (field === "projects") scope.projects = [{ project: value }];
      else if (field === "spaces") scope.spaces = [{ project: value || "x y", space: "*" }];
      else scope.virtualClusters = [{ project: "default", virtualCluster: value }];
      return { what: `name ${JSON.stringify(value.slice(0, 30))} in ${field}`, input: body };
    }
    case "array": {
      const size = int(rng, 257, 3000);
      scope.projects = Array.from({ length: size }, (_, i) => ({ project: `p${i}` }));
      return { what: `${size} projects`, input: body };
    }
    case "deep": {
      const depth = int(rng, 50, 400);
      let nested: unknown = 1;
      for (let i = 0; i < depth; i++) nested = rng() < 0.5 ? [nested] : { a: nested };
      const where = pick(rng, ["input", "spec", "scope", "rules"]);
      if (where === "input") return { what: `nesting ${depth} as the input`, input: nested };
      if (where === "spec")
        body.spec = { ttl: 60, scope: { projects: [{ project: "default" }] }, deep: nested };
      else if (where === "scope") scope.deep = nested;
      else scope.rules = [{ verbs: [nested] }];
      return { what: `nesting ${depth} in ${where}`, input: body };
    }
    case "key": {
      const key = pick(rng, ["toString", "valueOf", "then", "isAdmin", "token", "$1"]);
      const target = pick(rng, ["spec", "scope", "project"]);
      if (target === "spec") body.spec[key] = 1;
      else if (target === "scope") scope[key] = { polluted: true };
      else scope.projects = [{ project: "default", [key]: "x" }];
      return { what: `unknown key ${key} in ${target}`, input: body };
    }
    case "proto": {
      // As a hostile client sends them: own keys in the JSON text. React's decoder deletes
      // "__proto__" keys, so that request is the plain valid one (see judgeAction).
      const key = pick(rng, ["__proto__", "constructor", "prototype"]);
      const target = pick(rng, ["spec", "scope", "projects[0]"]);
      return { what: `${key} key in ${target}`, input: { $raw: `${key}|${target}` } };
    }
    case "ttl": {
      const ttl = pick(rng, [0, -1, 0.5, 1e308, -1e308, "3600", "1h", null, true, [3600]]);
      body.spec.ttl = ttl;
      return { what: `ttl ${JSON.stringify(ttl)}`, input: body };
    }
    case "logic": {
      if (rng() < 0.5) {
        body.unrestricted = true;
        return { what: "unrestricted with a scope", input: body };
      }
      body.spec.scope = pick(rng, [{}, { projects: [] }, { spaces: [], virtualClusters: [] }]);
      return { what: "scoped with an empty scope", input: body };
    }
    default: {
      const input = pick(rng, [
        null,
        0,
        "default",
        [],
        [valid()],
        true,
        "$undefined",
        { spec: {} },
      ]);
      return { what: `input ${JSON.stringify(input)}`, input };
    }
  }
}

/**
 * The flight text of an action result, parsed loosely. `dropped`: the payload only differs from a
 * valid request by a "__proto__" key, which must have been dropped: a token may come back, but
 * with exactly the valid request's scope and nothing of the smuggled object.
 */
function judgeAction(status: number, text: string, dropped = false): string | null {
  if (status >= 500) return `HTTP ${status}: ${text.slice(0, 300)}`;
  const token = /"token":"(eyJ[\w-]+\.[\w-]+\.[\w-]+)"/.exec(text)?.[1];
  if (dropped && token) {
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as {
      "loft.sh"?: { scope?: unknown };
    };
    const scope = JSON.stringify(claims["loft.sh"]?.scope);
    if (scope !== JSON.stringify({ projects: [{ project: "default" }] }))
      return `a smuggled __proto__ changed the token's scope: ${scope}`;
    if (/polluted|loft-management-admin|"unrestricted":true/.test(text))
      return `the smuggled object came back: ${text.slice(0, 300)}`;
    return null;
  }
  if (text.includes("eyJ")) return `a token came back: ${text.slice(0, 200)}`;
  if (!/"ok":false/.test(text)) return `no ok:false in ${text.slice(0, 300)}`;
  if (!/"error":"[^"]{5,}/.test(text)) return `no error message in ${text.slice(0, 300)}`;
  return null;
}

function bodyOf(c: { input: unknown }, submissionId: unknown): string {
  const raw = (c.input as { $raw?: string } | null)?.$raw;
  if (raw === undefined) return encodeArgs([c.input, submissionId]);
  const [key, target] = raw.split("|");
  const proto = `"${key}":{"polluted":true,"unrestricted":true,"clusterRoles":[{"name":"loft-management-admin"}]}`;
  const spec =
    target === "spec"
      ? `{"ttl":3600,"scope":{"projects":[{"project":"default"}]},${proto}}`
      : target === "scope"
        ? `{"ttl":3600,"scope":{"projects":[{"project":"default"}],${proto}}}`
        : `{"ttl":3600,"scope":{"projects":[{"project":"default",${proto}}]}}`;
  return `[{"unrestricted":false,"spec":${spec}},${JSON.stringify(submissionId)}]`;
}

async function replay(
  api: APIRequestContext,
  action: CapturedAction,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  const response = await api.post(action.url, {
    headers: { ...action.headers, ...headers },
    data: body,
    maxRedirects: 0,
  });
  return { status: response.status(), headers: response.headers(), text: await response.text() };
}

const newSubmissionId = () => crypto.randomBytes(16).toString("hex");

test.describe("the issue-token server action", () => {
  test.use({ storageState: signedOut });

  /**
   * One real Issue token click, captured before any test: the tests below inspect it or replay its
   * action. A capture that fails fails every test here, with the reason, instead of skipping them.
   */
  let real: { action: CapturedAction; status: number; cacheControl: string | undefined };

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ baseURL: E2E.baseURL, storageState: signedOut });
    try {
      const page = await context.newPage();
      await signInThroughForm(page, E2E.baseURL, E2E.adminKey);
      await chooseDefaultProject(page);
      const responded = page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/tokens/new",
      );
      await page.getByRole("button", { name: "Issue token" }).click();
      const response = await responded;
      await expect(page.getByRole("region", { name: "Issued token" })).toBeVisible();
      real = {
        action: await capturedActionOf(response.request()),
        status: response.status(),
        cacheControl: response.headers()["cache-control"],
      };
    } finally {
      await context.close();
    }
  });

  // The session cookie's flags and shape: shell.spec.ts and sessions.spec.ts.
  test("a real Issue token request: a replayable server action, and a response never stored", () => {
    const { action } = real;
    // What a replay needs: the action id, router state, and a JSON array of the two arguments.
    expect(action.headers["next-action"]).toMatch(/^[0-9a-f]{40,}$/);
    expect(action.headers["next-router-state-tree"]).toBeTruthy();
    expect(action.headers["content-type"]).toMatch(/^text\/plain/);
    const args = JSON.parse(action.body.toString()) as [unknown, unknown];
    expect(args).toHaveLength(2);
    expect(args[0]).toMatchObject({
      unrestricted: false,
      spec: { scope: { projects: [{ project: "default" }] } },
    });
    expect(args[1]).toMatch(/^[\w-]{8,64}$/);

    // The response that carries the token is never stored.
    expect(real.status).toBe(200);
    expect(real.cacheControl).toContain("no-store");
  });

  test(`${PAYLOADS} seeded hostile argument payloads: never a 5xx, never a token, always an error (FUZZ_SEED=${SEED})`, async ({
    page,
  }) => {
    const { action } = real;
    await signInThroughForm(page, E2E.baseURL, E2E.adminKey);
    const rng = mulberry32(SEED);
    const failures: string[] = [];
    for (let i = 0; i < PAYLOADS; i++) {
      const c = hostileInput(rng);
      const submissionId =
        rng() < 0.85
          ? newSubmissionId()
          : pick(rng, ["", "short", "../../x", 42, null, { id: 1 }, "a".repeat(65), "$1"]);
      const result = await replay(page.request, action, bodyOf(c, submissionId));
      const dropped = (c.input as { $raw?: string } | null)?.$raw?.startsWith("__proto__|");
      const problem = judgeAction(result.status, result.text, dropped);
      if (problem) failures.push(`#${i} ${c.what}: ${problem}`);
    }
    expect(failures, `FUZZ_SEED=${SEED}`).toEqual([]);

    // Still up, still issuing: the same request with a fresh id gets a token.
    const ok = await replay(
      page.request,
      action,
      encodeArgs([JSON.parse(action.body.toString())[0], newSubmissionId()]),
    );
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('"ok":true');
    expect(ok.text).toContain("eyJ");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("a call from another origin is refused and issues nothing", async ({ page }) => {
    const { action } = real;
    await signInThroughForm(page, E2E.baseURL, E2E.adminKey);
    const input = (JSON.parse(action.body.toString()) as unknown[])[0];
    for (const origin of ["http://evil.example", "null", `http://127.0.0.1:${E2E.port + 1}`]) {
      const refused = await replay(page.request, action, encodeArgs([input, newSubmissionId()]), {
        origin,
      });
      expect(refused.status, origin).toBe(403);
      expect(JSON.parse(refused.text), origin).toMatchObject({
        kind: "Status",
        reason: "Forbidden",
      });
      expect(refused.text, origin).not.toContain("eyJ");
      expect(refused.text, origin).not.toContain('"ok":true');
    }
    // The same call from the page's own origin works: only the Origin made the difference.
    const allowed = await replay(page.request, action, encodeArgs([input, newSubmissionId()]));
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain("eyJ");
  });

  test("malformed action encodings run nothing and leak nothing", async ({ page }) => {
    const { action } = real;
    await signInThroughForm(page, E2E.baseURL, E2E.adminKey);
    for (const body of [
      "",
      "not json",
      "[",
      '{"a":1}',
      '["$1","x"]',
      '["$Q0","x"]',
      '["$h1","x"]',
      '[{"then":"$1"}]',
      "[1]",
    ]) {
      const result = await replay(page.request, action, body);
      expect(result.text, body).not.toContain("eyJ");
      expect(result.text, body).not.toMatch(/at \w+ \(|node_modules|\/work\//);
    }
    expect((await page.request.get("/healthz")).status()).toBe(200);
  });
});

/**
 * The one place the pages' security headers are asserted: a per-request nonce CSP on every script,
 * no framing, no cross-site referrer, no sniffing, no opener, no powerful features.
 */
async function expectSecurityHeaders(page: Page, url: string, status: number) {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto(url);
  expect(response, url).not.toBeNull();
  expect(response!.status(), url).toBe(status);
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  for (const directive of [
    "default-src 'self'",
    "'strict-dynamic'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ])
    expect(csp, url).toContain(directive);
  expect(csp, url).not.toContain("'unsafe-eval'");
  expect(csp, url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers, url).toMatchObject({
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
  });
  expect(headers["permissions-policy"], url).toContain("camera=()");
  expect(headers["x-powered-by"], url).toBeUndefined();

  // Next.js put the nonce on every script of the page, and the page ran without a CSP violation.
  const html = await response!.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, url).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, url).toContain(`nonce="${nonce}"`);
  await expect(page.getByRole("main")).toBeVisible();
  expect(violations, url).toEqual([]);

  // A second request gets a new nonce.
  const again = await page.request.get(url);
  expect(again.headers()["content-security-policy"], url).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(again.headers()["content-security-policy"], url).not.toContain(nonce!);
}

test.describe("security headers", () => {
  for (const [url, status] of [
    ["/tokens/new", 200],
    ["/tokens/new?p=*&ttl=3600", 200],
    ["/tokens/inspect", 200],
    ["/tokens/issued", 200],
    ["/no-such-page", 404],
  ] as const) {
    test(`${url}: nonce CSP on every script, no framing, no cross-site referrer, no sniffing`, async ({
      page,
    }) => {
      await expectSecurityHeaders(page, url, status);
    });
  }

  test.describe("signed out", () => {
    test.use({ storageState: signedOut });
    test("/sign-in carries the same headers", async ({ page }) => {
      await expectSecurityHeaders(page, "/sign-in", 200);
    });
  });
});

/** The e2e server's session secret (SESSION_SECRET, or the one generated in DATA_DIR). */
function serverSessionSecret(): string {
  return (
    process.env.SESSION_SECRET ||
    fs.readFileSync(path.join(E2E.dataDir, "session-secret"), "utf8").trim()
  );
}

/** A cookie holding the whole session sealed into it (JWE dir + A256GCM), which the console never issues. */
async function sealedCookie(secret: string, iat: number): Promise<string> {
  const key = new Uint8Array(crypto.createHash("sha256").update(`dce-session:${secret}`).digest());
  return new EncryptJWT({
    accessKey: E2E.adminKey,
    user: "admin",
    projectNamespacePrefix: "p-",
    iat,
    seen: iat,
  })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .encrypt(key);
}

/** The e2e server's console store, opened beside it (SQLite in WAL mode allows a second writer). */
function consoleStore() {
  return new Database(path.join(E2E.dataDir, "console.db"));
}
const storeIdOf = (cookieValue: string) =>
  crypto.createHash("sha256").update(cookieValue).digest("base64url");

/** A new session's cookie value (signed in afresh, so each case has a session of its own). */
async function signedInCookie(page: Page): Promise<string> {
  await page.context().clearCookies();
  await signInThroughForm(page, E2E.baseURL, E2E.adminKey);
  const value = (await page.context().cookies()).find((c) => c.name === "dce_session")?.value;
  expect(value).toBeTruthy();
  return value!;
}

/** Opens the builder and the projects API with only `value` as the session cookie. */
async function withCookie(page: Page, value: string) {
  const context = page.context();
  await context.clearCookies();
  await context.addCookies([{ name: "dce_session", value, url: E2E.baseURL, httpOnly: true }]);
  await page.goto("/tokens/new");
  // The page streams (loading state first), so a redirect lands after the load: wait for either end.
  await expect(
    page
      .getByRole("textbox", { name: "Access key" })
      .or(page.getByRole("button", { name: "Issue token" })),
  ).toBeVisible();
  const url = new URL(page.url());
  const api = await page.request.get("/api/projects");
  return { path: url.pathname, api: api.status(), body: await api.text() };
}

test.describe("session cookies", () => {
  test.use({ storageState: signedOut });

  test("forged, altered, idle, too old and unreadable sessions are signed out by the server", async ({
    page,
  }) => {
    // Five sign-ins and eleven cookies, one after another: more than the default 30 s on a busy machine.
    test.setTimeout(60_000);
    const now = Math.floor(Date.now() / 1000);
    // Control: a real session works, so the refusals below are about what was changed.
    const good = await signedInCookie(page);
    expect(await withCookie(page, good)).toMatchObject({ path: "/tokens/new", api: 200 });
    const flip = (s: string, at: number) =>
      s.slice(0, at) + (s[at] === "A" ? "B" : "A") + s.slice(at + 1);

    const cases: Record<string, string> = {
      "one character of a real id changed": flip(good, 20),
      "a random id": crypto.randomBytes(32).toString("base64url"),
      "the store's own id (its hash) as the cookie": storeIdOf(good),
      "an old sealed cookie made with the server's own secret": await sealedCookie(
        serverSessionSecret(),
        now,
      ),
      "the session in plain base64": Buffer.from(
        JSON.stringify({ accessKey: E2E.adminKey, user: "admin", iat: now, seen: now }),
      ).toString("base64url"),
      "alg none JWT": `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(
        JSON.stringify({ accessKey: E2E.adminKey, user: "admin" }),
      ).toString("base64url")}.`,
      "an oversized id": "A".repeat(4000),
    };
    // Sessions whose cookie is intact but whose stored state the server must refuse.
    const db = consoleStore();
    try {
      const stored = async (what: string, change: (id: string) => void) => {
        const cookie = await signedInCookie(page);
        change(storeIdOf(cookie));
        cases[what] = cookie;
      };
      await stored("idle past 30 minutes", (id) =>
        db
          .prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?")
          .run(Date.now() - 31 * 60_000, id),
      );
      await stored("older than 12 hours though active", (id) =>
        db
          .prepare("UPDATE sessions SET created_at = ?, last_seen_at = ? WHERE id = ?")
          .run(Date.now() - 13 * 3_600_000, Date.now() - 60_000, id),
      );
      await stored("its access key sealed under another secret", (id) => {
        const row = db.prepare("SELECT access_key FROM sessions WHERE id = ?").get(id) as {
          access_key: string;
        };
        const [, iv, body] = row.access_key.split(".");
        db.prepare("UPDATE sessions SET access_key = ? WHERE id = ?").run(
          `zzzzzzzz.${iv}.${body}`,
          id,
        );
      });
      await stored("its sealed access key altered", (id) => {
        const row = db.prepare("SELECT access_key FROM sessions WHERE id = ?").get(id) as {
          access_key: string;
        };
        db.prepare("UPDATE sessions SET access_key = ? WHERE id = ?").run(
          flip(row.access_key, row.access_key.length - 5),
          id,
        );
      });
    } finally {
      db.close();
    }
    for (const [what, value] of Object.entries(cases)) {
      const result = await withCookie(page, value);
      expect(result.path, what).toBe("/sign-in");
      expect(result.api, what).toBe(401);
      expect(JSON.parse(result.body), what).toMatchObject({ kind: "Status", code: 401 });
    }
  });
});

test.describe("sign-in rate limit (second server, SIGN_IN_RATE_LIMIT=3)", () => {
  test.use({ storageState: signedOut });
  let server: ConsoleServer | undefined;
  const adminKey = `rate-admin-${crypto.randomBytes(12).toString("hex")}`;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startSecondServer({
      LOCAL_PLATFORM_TLS_PORT: String(await freePortIn(9100, 9199)),
      LOCAL_PLATFORM_ADMIN_KEY: adminKey,
      SIGN_IN_RATE_LIMIT: "3",
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("refuses with a message past the limit, then answers a script that keeps going with 429 + Retry-After", async ({
    page,
    context,
  }) => {
    const origin = server!.origin;
    await page.goto(`${origin}/sign-in`);
    const field = page.getByLabel("Access key");
    const submit = page.getByRole("button", { name: "Sign in" });
    const captured = captureAction(page, "/sign-in");
    for (let attempt = 1; attempt <= 3; attempt++) {
      await field.fill(`wrong-key-${attempt}-${crypto.randomBytes(8).toString("hex")}`);
      await submit.click();
      await expect(page.getByText("The platform did not accept this access key.")).toBeVisible();
    }
    const action = await captured;
    // Over the limit: refused with a message, even for the right key.
    await field.fill(adminKey);
    await submit.click();
    await expect(
      page.getByText(/^Too many sign-in attempts\. Try again in \d+ s\.$/),
    ).toBeVisible();
    await field.fill(adminKey);
    await submit.click();
    await expect(page.getByText(/^Too many sign-in attempts/)).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await context.cookies(origin)).filter((c) => c.name === "dce_session")).toEqual([]);

    // A script replaying the form: its 6th attempt (2× the limit) still gets the message…
    const sixth = await replay(page.request, action, action.body);
    expect(sixth.status).toBe(200);
    expect(sixth.text).toContain("Too many sign-in attempts");
    // …then a hard 429 with Retry-After, also when it claims to be someone else.
    const spoofed: Array<Record<string, string>> = [
      {},
      { "x-forwarded-for": "203.0.113.7" },
      { "x-real-ip": "198.51.100.1" },
      // The header in which the server hands Next.js the client's address: always its own.
      { "x-dce-client-address": "203.0.113.8" },
    ];
    for (const headers of spoofed) {
      const limited = await replay(page.request, action, action.body, headers);
      expect(limited.status, JSON.stringify(headers)).toBe(429);
      const retryAfter = Number(limited.headers["retry-after"]);
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      expect(JSON.parse(limited.text)).toMatchObject({
        kind: "Status",
        code: 429,
        reason: "TooManyRequests",
      });
    }
    expect((await context.cookies(origin)).filter((c) => c.name === "dce_session")).toEqual([]);
    // Other requests from the same address are not blocked.
    expect((await page.request.get(`${origin}/healthz`)).status()).toBe(200);
  });
});

test.describe("a non-admin through the dashboard", () => {
  test.use({ storageState: signedOut });

  test("sees, reads and issues only for its own project", async ({ page }) => {
    const api = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
    const base = `https://127.0.0.1:${E2E.tlsPort}/kubernetes/management/apis/management.loft.sh/v1`;
    const tag = crypto.randomBytes(3).toString("hex");
    const user = `sec-user-${tag}`;
    const [mine, theirs] = [`sec-mine-${tag}`, `sec-theirs-${tag}`];
    const create = async (p: string, kind: string, name: string, spec: unknown) => {
      const r = await api.post(`${base}/${p}`, {
        headers: { Authorization: `Bearer ${E2E.adminKey}` },
        data: { apiVersion: "management.loft.sh/v1", kind, metadata: { name }, spec },
      });
      expect(r.status(), await r.text()).toBe(201);
      return (await r.json()) as { spec: { key?: string } };
    };
    await create("users", "User", user, { displayName: "Sec User" });
    await create("projects", "Project", mine, { members: [{ kind: "User", name: user }] });
    await create("projects", "Project", theirs, { members: [] });
    await create(`namespaces/p-${theirs}/spaceinstances`, "SpaceInstance", "hidden", {});
    const key = (await create("ownedaccesskeys", "OwnedAccessKey", `${user}-key`, { user })).spec
      .key!;
    await api.dispose();

    await signInThroughForm(page, E2E.baseURL, key);
    const projects = (await (await page.request.get("/api/projects?search=sec-")).json()) as {
      items: Array<{ name: string }>;
    };
    expect(projects.items.map((p) => p.name)).toEqual([mine]);
    for (const kind of ["spaces", "virtualclusters"]) {
      const r = await page.request.get(`/api/projects/${theirs}/${kind}`);
      expect(r.status(), kind).toBe(403);
      expect(((await r.json()) as { kind: string }).kind).toBe("Status");
    }
    // The picker offers only the member project.
    await page.getByLabel("Only what I choose below").check();
    await page.getByRole("combobox", { name: "Projects" }).fill("sec-");
    const listbox = page.getByRole("listbox", { name: "Projects" });
    await expect(listbox.getByRole("option", { name: mine })).toBeVisible();
    await expect(listbox.getByRole("option", { name: theirs })).toHaveCount(0);
    await listbox.getByRole("option", { name: mine }).click();
    await page.keyboard.press("Escape");

    // The action, replayed for the other project, is refused naming it.
    const captured = captureAction(page, "/tokens/new");
    await page.getByRole("button", { name: "Issue token" }).click();
    const action = await captured;
    await expect(page.getByRole("region", { name: "Issued token" })).toBeVisible();
    for (const scope of [
      { projects: [{ project: theirs }] },
      { spaces: [{ project: theirs, space: "*" }] },
      { virtualClusters: [{ project: theirs, virtualCluster: "x" }] },
      { projects: [{ project: mine }, { project: theirs }] },
    ]) {
      const r = await replay(
        page.request,
        action,
        encodeArgs([{ unrestricted: false, spec: { ttl: 3600, scope } }, newSubmissionId()]),
      );
      expect(r.status).toBe(200);
      expect(r.text).not.toContain("eyJ");
      expect(r.text).toContain('"ok":false');
      expect(r.text).toContain(`Not allowed`);
      expect(r.text).toContain(`project \\"${theirs}\\"`);
    }
  });
});
