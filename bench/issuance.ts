import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "@/lib/config";
import { startLocalPlatform } from "@/lib/local-platform";
import { bareSigning, startBareSigner } from "./bare-signer";
import { load, type LoadResult } from "./http";

/**
 * Token issuance as the benchmark measures it: through an access key scoped to project `default`
 * (with the loft-cli role), issuing tokens for that project, so every request also runs the scope
 * and lifetime check a scoped key gets.
 */
const ISSUER_SCOPE = { roles: [{ role: "loft-cli" }], projects: [{ project: "default" }] };
const ISSUE_BODY = JSON.stringify({
  apiVersion: "management.loft.sh/v1",
  kind: "DirectClusterEndpointToken",
  metadata: {},
  spec: { ttl: 3600, scope: { projects: [{ project: "default" }] } },
});

/** Creates the scoped issuer key (valid for a day) with an admin key; returns its secret. */
export async function createIssuerKey(apiBase: string, adminKey: string): Promise<string> {
  const res = await fetch(`${apiBase}/ownedaccesskeys`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      apiVersion: "management.loft.sh/v1",
      kind: "OwnedAccessKey",
      metadata: { generateName: "bench-issuer-" },
      spec: { displayName: "Benchmark issuer", ttl: 86_400, scope: ISSUER_SCOPE },
    }),
  });
  const body = (await res.json()) as { spec?: { key?: string }; message?: string };
  if (res.status !== 201 || !body.spec?.key) {
    throw new Error(`creating the issuer key: ${res.status} ${body.message ?? ""}`);
  }
  return body.spec.key;
}

/** Issuance under `connections` concurrent clients for `seconds` with `key`. */
export function issuance(apiBase: string, key: string, connections = 20, seconds = 10) {
  return load(`${apiBase}/directclusterendpointtokens`, {
    connections,
    seconds,
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: ISSUE_BODY,
  });
}

/** A new access key within the issuer key's scope and lifetime (names from generateName). */
const KEY_BODY = JSON.stringify({
  apiVersion: "management.loft.sh/v1",
  kind: "OwnedAccessKey",
  metadata: { generateName: "bench-key-" },
  spec: { displayName: "Benchmark key", ttl: 3600, scope: { projects: [{ project: "default" }] } },
});

/**
 * Access key creation measured as issuance is: `POST ownedaccesskeys` under `connections`
 * concurrent clients for `seconds` with `key` (the same scoped issuer key, so every request also
 * runs the scope and lifetime check), each a new key scoped to project default living an hour.
 */
export function keyCreation(apiBase: string, key: string, connections = 20, seconds = 10) {
  return load(`${apiBase}/ownedaccesskeys`, {
    connections,
    seconds,
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: KEY_BODY,
  });
}

/**
 * The local platform as a process of its own, as the real server runs it (`npm start`: its own
 * event loop, a threadpool of one thread per core), on `dataDir` with `adminKey`; the request
 * handler is the platform's, as the server hands it platform paths. `BENCH_PLATFORM_NODE_ARGS`
 * adds node options to that process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
async function startPlatformProcess(dataDir: string, adminKey: string) {
  const extra = process.env.BENCH_PLATFORM_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...extra, "--import", "tsx", import.meta.filename, "--serve", dataDir, adminKey],
    {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: {
        ...process.env,
        UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? String(os.availableParallelism()),
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const origin = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.once("exit", (code) => reject(new Error(`the platform exited (${code})`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n"))
        resolve((JSON.parse(out.split("\n")[0]!) as { origin: string }).origin);
    });
  });
  child.removeAllListeners("exit");
  return {
    apiBase: `${origin}/kubernetes/management/apis/management.loft.sh/v1`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** The platform process's side of `startPlatformProcess`: listens, then prints its origin. */
async function servePlatform(dataDir: string, adminKey: string) {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = parseConfig({
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    LOCAL_PLATFORM_ADMIN_KEY: adminKey,
  });
  const platform = await startLocalPlatform(config, { origin, log: () => {} });
  server.on("request", (req, res) => platform.handle(req, res));
  // A normal exit, so that `--cpu-prof` writes its profile.
  process.on("SIGTERM", () => {
    server.closeAllConnections();
    server.close();
    platform.close();
    process.exit(0);
  });
  process.stdout.write(`${JSON.stringify({ origin })}\n`);
}

/**
 * CPU time (user + system) used so far by process `pid`, all its threads, and by its main thread
 * (the event loop), in ms (Linux /proc, 10 ms resolution).
 */
function cpuMsOf(pid: number): { all: number; main: number } {
  const ms = (stat: string) => {
    const fields = fs.readFileSync(stat, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  };
  return { all: ms(`/proc/${pid}/stat`), main: ms(`/proc/${pid}/task/${pid}/stat`) };
}

/** `run`'s load result with the CPU time process `pid` spent per answered request, in µs. */
async function withCpu(pid: number, run: () => Promise<LoadResult>) {
  const before = cpuMsOf(pid);
  const result = await run();
  const after = cpuMsOf(pid);
  return {
    ...result,
    cpuUsPerRequest: ((after.all - before.all) * 1000) / result.total,
    mainThreadUsPerRequest: ((after.main - before.main) * 1000) / result.total,
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * `npx tsx bench/issuance.ts [seconds] [rounds] [--keys]`: issuance through the scoped key against
 * the bare signer (bench/bare-signer.ts), each in a process of its own (the platform on a temporary
 * DATA_DIR, no Next.js build), loaded alternately `rounds` times with 20 clients for `seconds`;
 * prints each pair's ratio, the servers' CPU time per request, and the medians; with `--keys`, then
 * access key creation with the scoped key once.
 */
async function standalone(seconds: number, rounds: number, keys: boolean) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-bench-issuance-"));
  const adminKey = "bench-admin-key-7d1f0c9a2b3e4d5f";
  const platform = await startPlatformProcess(dataDir, adminKey);
  const bare = await startBareSigner();
  try {
    const show = (
      label: string,
      r: LoadResult & { cpuUsPerRequest?: number; mainThreadUsPerRequest?: number },
    ) =>
      console.log(
        `${label.padEnd(14)} ${r.requestsPerSecond.toFixed(0).padStart(5)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.errors + r.non2xx} errors${r.cpuUsPerRequest === undefined ? "" : `; server CPU per request ${r.cpuUsPerRequest.toFixed(0)} µs, of which the event loop ${r.mainThreadUsPerRequest!.toFixed(0)} µs`}`,
      );
    const scoped = await createIssuerKey(platform.apiBase, adminKey);
    // Warm-up: JIT, statement cache, connections.
    await bareSigning(bare, 20, 2);
    await issuance(platform.apiBase, scoped, 20, 2);
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const reference = await withCpu(bare.pid, () => bareSigning(bare, 20, seconds));
      show("bare signer", reference);
      const issued = await withCpu(platform.pid, () =>
        issuance(platform.apiBase, scoped, 20, seconds),
      );
      show("scoped key", issued);
      ratios.push(issued.requestsPerSecond / reference.requestsPerSecond);
      cpuRatios.push(reference.cpuUsPerRequest / issued.cpuUsPerRequest);
      console.log(
        `round ${round}: issuance/bare ${ratios.at(-1)!.toFixed(3)} (server CPU per request, bare/issuance: ${cpuRatios.at(-1)!.toFixed(3)})`,
      );
    }
    console.log(
      `median over ${rounds} rounds: issuance/bare ${median(ratios).toFixed(3)}, server CPU bare/issuance ${median(cpuRatios).toFixed(3)}`,
    );
    if (keys) show("key creation", await keyCreation(platform.apiBase, scoped, 20, seconds));
  } finally {
    await Promise.all([platform.stop(), bare.stop()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  if (process.argv[2] === "--serve") {
    await servePlatform(process.argv[3]!, process.argv[4]!);
  } else {
    const [seconds, rounds] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
    await standalone(Number(seconds ?? 5), Number(rounds ?? 3), process.argv.includes("--keys"));
    process.exit(0);
  }
}
