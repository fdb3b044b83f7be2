import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/targets/route";
import { resolutionOwner } from "@/lib/kubeconfig/resolution-slot";
import { resolveTargets } from "@/lib/kubeconfig/resolve";
import { sourceFor } from "@/lib/kubeconfig/source";
import type { TargetsResult } from "@/lib/kubeconfig/targets";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { getStore } from "@/lib/store";
import { acquireResolutionSlot, releaseResolutionSlot } from "@/lib/store/resolution-slots";
import { createKey } from "@/tests/support/keys";
import { PlatformProxy } from "@/tests/support/platform-proxy";
import { startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * `POST /api/targets` against a real local platform, through a proxy that counts every request
 * the console sends it: a scope past the console's list limit is refused before any request, a
 * scope at the limit (every list full of repeats and named lookups) costs at most the budget with
 * each list read once, and a third listing while two run is a 429. The route runs in-process, as
 * alice (a member of the seeded projects default, payments and platform, without cluster rights).
 */
const signedIn = vi.hoisted(() => ({ session: null as Record<string, unknown> | null }));
vi.mock("@/lib/session/session", () => ({ getSession: async () => signedIn.session }));

/** Passes everything through and counts requests by method and path (without the query). */
class CountingProxy extends PlatformProxy {
  readonly seen: string[] = [];

  protected override handle(req: http.IncomingMessage, res: http.ServerResponse) {
    this.seen.push(`${req.method} ${new URL(req.url ?? "/", "http://proxy.invalid").pathname}`);
    super.handle(req, res);
  }

  /** Requests per path seen since `from`, and their total. */
  since(from: number) {
    const counts = new Map<string, number>();
    for (const r of this.seen.slice(from)) counts.set(r, (counts.get(r) ?? 0) + 1);
    return { total: this.seen.length - from, counts };
  }
}

let t: TestPlatform;
let proxy: CountingProxy;
let consoleDir: string;
let aliceKey: string;

beforeAll(async () => {
  t = await startTestPlatform();
  aliceKey = await createKey(t, { user: "alice" });
  proxy = new CountingProxy({
    port: Number(new URL(t.tlsOrigin).port),
    ca: fs.readFileSync(path.join(t.dataDir, "ca.pem")),
  });
  await proxy.listen();
  consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-console-"));
  // The console under test talks to the platform through the proxy (config is read on first use).
  process.env.PLATFORM_URL = `http://127.0.0.1:${proxy.port}`;
  process.env.SESSION_SECRET = crypto.randomBytes(32).toString("hex");
  process.env.DATA_DIR = consoleDir;
  signedIn.session = {
    id: "session-1",
    accessKey: aliceKey,
    principal: { kind: "User", name: "alice" },
    platform: process.env.PLATFORM_URL,
    projectNamespacePrefix: "p-",
    createdAt: Date.now(),
  };
});
afterAll(async () => {
  await (await getStore()).close();
  await proxy.close();
  await t.close();
  fs.rmSync(consoleDir, { recursive: true, force: true });
});

const postTargets = (scope: AccessKeyScope | null) =>
  POST(
    new Request("http://console.test/api/targets", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scope }),
    }),
    undefined,
  );

const times = <T>(n: number, entry: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => entry(i));
const REAL_SPACES = ["dev", "staging"];
const REAL_VCS = ["dev-vcluster", "preview"];
/** `n` of each list: `*` projects and clusters, named spaces and virtual clusters (a few real). */
const fullScope = (n: number): AccessKeyScope => ({
  projects: times(n, () => ({ project: "*" })),
  clusters: times(n, () => ({ cluster: "*" })),
  spaces: times(n, (i) => ({ project: "default", space: REAL_SPACES[i] ?? `no-space-${i}` })),
  virtualClusters: times(n, (i) => ({
    project: "default",
    virtualCluster: REAL_VCS[i] ?? `no-vc-${i}`,
  })),
});

describe("the targets route bounds what one request costs the platform", () => {
  it("the finding's scope (256 of each list) is refused with 422, naming the limit, before any request", async () => {
    const before = proxy.seen.length;
    const res = await postTargets(fullScope(256));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({ kind: "Status", reason: "Invalid", code: 422 });
    expect(body.message).toContain("At most 64 virtualClusters entries; this scope has 256.");
    const causes = (body.details.causes as { field: string; message: string }[]).map(
      (c) => `${c.field}: ${c.message}`,
    );
    expect(causes.sort()).toEqual(
      ["clusters", "projects", "spaces", "virtualClusters"].map(
        (list) => `scope.${list}: Invalid value: At most 64 ${list} entries; this scope has 256.`,
      ),
    );
    expect(proxy.seen.length).toBe(before);
  });

  it("a scope at the limit costs at most the budget, reading each list once", async () => {
    const before = proxy.seen.length;
    const res = await postTargets(fullScope(64));
    expect(res.status).toBe(200);
    const result = (await res.json()) as TargetsResult;
    const { total, counts } = proxy.since(before);
    expect(total).toBeLessThanOrEqual(300);
    expect(result.budget).toEqual({ limit: 300, used: total, exhausted: false });
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    const base = "/kubernetes/management/apis/management.loft.sh/v1";
    for (const read of [
      "/projects",
      "/clusters",
      "/projects/default/clusters",
      "/namespaces/p-payments/virtualclusterinstances",
      "/namespaces/p-platform/spaceinstances",
      "/namespaces/p-default/spaceinstances/no-space-63",
    ])
      expect(counts.get(`GET ${base}${read}`), read).toBe(1);

    const byId = new Map(result.targets.map((t) => [t.id, t]));
    const dev = byId.get("virtualcluster:default/dev-vcluster")!;
    expect(dev.wildcard).toBeUndefined();
    expect(dev.from).toContain("virtualClusters[0]");
    expect(dev.from).toContain("projects[63]");
    expect(dev.endpoint?.server).toMatch(
      /\/kubernetes\/project\/default\/virtualcluster\/dev-vcluster$/,
    );
    expect(byId.get("space:default/no-space-40")?.problem?.reason).toBe("not-found");
    expect(byId.get("cluster:loft-cluster")?.from).toHaveLength(64);
  });

  it("every request counts, pages included: with a smaller budget exactly that many are sent", async () => {
    const before = proxy.seen.length;
    const result = await resolveTargets(fullScope(64), sourceFor(aliceKey, "p-"), {
      platformInsecure: false,
      maxRequests: 40,
    });
    expect(proxy.since(before).total).toBe(40);
    expect(result.budget).toMatchObject({ limit: 40, used: 40, exhausted: true });
    expect(result.truncated).toBe(true);
    expect(result.budget.note).toMatch(/^Stopped after 40 platform requests/);
    expect(result.notes).toContain(result.budget.note);
  });

  it("a third listing while two of the user's run: 429 with Retry-After; a slot given back is used again", async () => {
    const { db } = await getStore();
    const owner = resolutionOwner({
      platform: process.env.PLATFORM_URL!,
      principal: { kind: "User", name: "alice" },
    });
    const held = [await acquireResolutionSlot(db, owner), await acquireResolutionSlot(db, owner)];
    expect(held.every(Boolean)).toBe(true);
    const before = proxy.seen.length;

    const busy = await postTargets({ projects: [{ project: "default" }] });
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("2");
    expect(await busy.json()).toMatchObject({
      kind: "Status",
      reason: "TooManyRequests",
      code: 429,
      message: "You already have 2 target listings running; try again in a few seconds.",
      details: { retryAfterSeconds: 2 },
    });
    expect(proxy.seen.length).toBe(before);

    await releaseResolutionSlot(db, held[0]!);
    expect((await postTargets({ projects: [{ project: "default" }] })).status).toBe(200);
    // The route gave its own slot back: one is free again beside the one still held.
    const free = await acquireResolutionSlot(db, owner);
    expect(free).toBeDefined();
    await releaseResolutionSlot(db, free!);
    await releaseResolutionSlot(db, held[1]!);
  });
});
