import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { readTokenAudit } from "@/lib/local-platform/audit";
import { startBalancer, type Balancer } from "@/tests/support/balancer";
import { createDatabase, startPostgres, type TestPostgres } from "@/tests/support/postgres";
import { builderReady, uniqueName } from "./platform";
import {
  freePortIn,
  signInThroughForm,
  spawnNode,
  startConsoleServer,
  terminate,
  type ConsoleServer,
} from "./second-server";

/**
 * Several console replicas as one console: three processes of the Playwright build sharing one
 * PostgreSQL database and one SESSION_SECRET, all pointed at one standalone local platform, behind a
 * round-robin balancer. Replicas take ports from 3600–3699 (the range second-server.ts reserves for
 * extra dashboard servers); the platform, PostgreSQL and the balancer take ephemeral ports.
 */

const API = "/kubernetes/management/apis/management.loft.sh/v1";
const START_TIMEOUT_MS = 90_000;

// ---------------------------------------------------------------------------------------------
// The platform: one standalone local platform process every replica talks to (PLATFORM_URL).

export interface StandalonePlatform {
  /** http://127.0.0.1:<port> — plain HTTP, so replicas need no PLATFORM_CA_FILE. */
  origin: string;
  dataDir: string;
  adminKey: string;
  /** The platform's own record of tokens it issued to `user` (its audit log; token ids). */
  issuedTo(user: string): string[];
  stop(): Promise<void>;
}

async function startPlatform(): Promise<StandalonePlatform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-e2e-replicas-platform-"));
  const adminKey = `replicas-admin-${crypto.randomBytes(12).toString("hex")}`;
  const child = spawnNode("tests/support/platform-process.ts", [dataDir, adminKey], process.env);
  const output: string[] = [];
  child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const stop = async () => {
    await terminate(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split("\n")[0];
        if (out.includes("\n") && line) resolve((JSON.parse(line) as { origin: string }).origin);
      });
      child.once("exit", (code) =>
        reject(new Error(`the platform process exited (${code}): ${output.join("")}`)),
      );
      setTimeout(
        () => reject(new Error(`the platform process did not start: ${output.join("")}`)),
        START_TIMEOUT_MS,
      ).unref();
    });
    return {
      origin,
      dataDir,
      adminKey,
      issuedTo: (user) => readTokenAudit(dataDir).flatMap((r) => (r.user === user ? [r.jti] : [])),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function create<T>(platform: StandalonePlatform, resource: string, body: object) {
  const response = await fetch(`${platform.origin}${API}/${resource}`, {
    method: "POST",
    headers: { authorization: `Bearer ${platform.adminKey}`, "content-type": "application/json" },
    body: JSON.stringify({ apiVersion: "management.loft.sh/v1", ...body }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST ${resource}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

export interface TestUser {
  name: string;
  accessKey: string;
  /** A project the user is a member of: tokens scoped to it are theirs to issue. */
  project: string;
}

/** A new user with an access key and a project of their own on the platform. */
export async function createUser(platform: StandalonePlatform, prefix: string): Promise<TestUser> {
  const name = uniqueName(prefix);
  await create(platform, "users", {
    kind: "User",
    metadata: { name },
    spec: { displayName: name },
  });
  const key = await create<{ spec: { key: string } }>(platform, "ownedaccesskeys", {
    kind: "OwnedAccessKey",
    metadata: { name: `key-${name}` },
    spec: { user: name, displayName: "replicas e2e" },
  });
  const project = `${name}-p`;
  await create(platform, "projects", {
    kind: "Project",
    metadata: { name: project },
    spec: { members: [{ kind: "User", name }] },
  });
  return { name, accessKey: key.spec.key, project };
}

// ---------------------------------------------------------------------------------------------
// Console replicas.

/** `count` distinct free ports in 3600–3699. */
async function replicaPorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePortIn(3600, 3699));
  return [...ports];
}

// ---------------------------------------------------------------------------------------------
// The whole setup.

export interface Console {
  platform: StandalonePlatform;
  replicas: ConsoleServer[];
  balancer: Balancer;
  /** Starts one more replica with the same store, secret and platform (stopped by stop()). */
  addReplica(name: string): Promise<ConsoleServer>;
  /** The ledger's fingerprints for a user, one per entry (a fingerprint twice is a duplicate). */
  ledgerFingerprints(user: string): Promise<string[]>;
  ledgerEntries(
    user: string,
  ): Promise<Array<{ fingerprint: string; token_id: string | null; note: string | null }>>;
  stop(): Promise<void>;
}

/**
 * PostgreSQL, a fresh database, the platform, `count` replicas and the balancer. Everything started
 * is stopped by stop(), which is safe to call after a failed start too (it is also what a failed
 * start calls before rethrowing).
 */
export async function startConsole(count = 3): Promise<Console> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    // Reverse order: the balancer and replicas before the database and platform they use.
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const postgres: TestPostgres = await startPostgres();
    stops.push(() => postgres.stop());
    const databaseUrl = await createDatabase(postgres.url);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    stops.push(() => db.end());

    const platform = await startPlatform();
    stops.push(() => platform.stop());

    const env = {
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
      PLATFORM_URL: platform.origin,
      // Every test signs in through the form; the shared budget is not what is tested here.
      SIGN_IN_RATE_LIMIT: "60",
    };
    const names = ["a", "b", "c"].slice(0, count);
    const ports = await replicaPorts(names.length);
    const started = await Promise.allSettled(
      names.map((name, i) => startConsoleServer(`replica-${name}`, ports[i]!, env)),
    );
    const replicas: ConsoleServer[] = [];
    for (const result of started) {
      if (result.status === "fulfilled") {
        replicas.push(result.value);
        stops.push(() => result.value.stop());
      }
    }
    const failed = started.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;

    const balancer = await startBalancer(replicas.map((r) => r.origin));
    stops.push(() => balancer.close());

    const ledgerEntries = async (user: string) =>
      (
        await db.query<{ fingerprint: string; token_id: string | null; note: string | null }>(
          "select fingerprint, token_id, note from ledger where user_name = $1",
          [user],
        )
      ).rows;
    return {
      platform,
      replicas,
      balancer,
      async addReplica(name) {
        // The running replicas' ports are taken, so the probe never offers one of them.
        const replica = await startConsoleServer(
          `replica-${name}`,
          await freePortIn(3600, 3699),
          env,
        );
        stops.push(() => replica.stop());
        return replica;
      },
      ledgerEntries,
      ledgerFingerprints: async (user) => (await ledgerEntries(user)).map((e) => e.fingerprint),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The browser side.

export const viewer = (page: Page) => page.getByRole("region", { name: "Issued token" });

/** Signs in through the form at `origin` and waits for the builder. */
export async function signInAt(page: Page, origin: string, user: TestUser) {
  await signInThroughForm(page, origin, user.accessKey);
  await builderReady(page);
}

/** Opens the builder at `origin` with the user's project chosen and a one-hour TTL. */
export async function openBuilder(page: Page, origin: string, user: TestUser, note?: string) {
  await page.goto(`${origin}/tokens/new?p=${user.project}&ttl=3600`);
  await builderReady(page);
  await expect(page.getByRole("list", { name: "Chosen projects" })).toContainText(user.project);
  if (note) await page.getByLabel("Note").fill(note);
}

/** The token the viewer shows, revealed. */
export async function revealedToken(page: Page): Promise<string> {
  await viewer(page).getByRole("button", { name: "Reveal" }).click();
  const text = (await page.getByTestId("token-parts").textContent()) ?? "";
  return text.replace(/(Header|Payload|Signature): /g, "");
}

// ---------------------------------------------------------------------------------------------
// The issueToken server action as the browser sends it, and replays of it.

/** A captured issueToken request: Next-Action and router headers, the session cookie, the body. */
export interface IssueRequest {
  url: string;
  headers: Record<string, string>;
  /** `[request, submissionId]`, as React encodes the action's arguments. */
  args: [unknown, string];
}

/** Headers a replay must not copy: they describe the original connection or its target. */
const NOT_REPLAYED = new Set(["host", "connection", "content-length", "origin", "referer"]);

/**
 * Captures the next issueToken request `page` sends to `origin` and holds it until `release`
 * resolves, then lets it go. Resolves with the request as sent (the cookie read from the browser).
 */
export function captureIssueRequest(
  page: Page,
  origin: string,
  release: Promise<void> = Promise.resolve(),
): Promise<IssueRequest> {
  return new Promise((resolve) => {
    void page.route(`${origin}/tokens/new**`, async (route) => {
      const request = route.request();
      const headers = await request.allHeaders();
      if (request.method() !== "POST" || !headers["next-action"]) return route.fallback();
      const cookies = await page.context().cookies(origin);
      const kept = Object.fromEntries(
        Object.entries(headers).filter(([k]) => !NOT_REPLAYED.has(k) && !k.startsWith(":")),
      );
      kept.cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      resolve({
        url: request.url(),
        headers: kept,
        args: JSON.parse(request.postData() ?? "[]") as [unknown, string],
      });
      await release;
      await route.continue();
    });
  });
}

export const newSubmissionId = () => crypto.randomBytes(16).toString("hex");

export interface Answer {
  status?: number;
  /** As much of the body as arrived. */
  text: string;
  /** False when the connection broke before the whole answer arrived (or before any of it). */
  complete: boolean;
}

/**
 * Sends `request` to `origin` (a replica or the balancer) with Node's fetch, as the browser would
 * have sent it there: same Next-Action, router state, cookie and body (with `submissionId`, the
 * original's by default); Origin is the target's, as a browser on that origin sends it.
 */
export async function sendIssue(
  request: IssueRequest,
  origin: string,
  submissionId = request.args[1],
): Promise<Answer> {
  const url = new URL(request.url);
  let status: number | undefined;
  let text = "";
  try {
    const response = await fetch(`${origin}${url.pathname}${url.search}`, {
      method: "POST",
      headers: { ...request.headers, origin },
      body: JSON.stringify([request.args[0], submissionId]),
      redirect: "manual",
    });
    status = response.status;
    const decoder = new TextDecoder();
    // Read chunk by chunk, so a cut answer still shows whatever part of it arrived.
    const reader = response.body?.getReader();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read())
      text += decoder.decode(chunk.value, { stream: true });
    return { status, text, complete: true };
  } catch {
    return { status, text, complete: false };
  }
}

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

/** The token in an action's answer (React flight text), if it carries one. */
export const tokenIn = (text: string) => JWT.exec(text)?.[0];

export const ALREADY_SENT = "This request was already sent";
