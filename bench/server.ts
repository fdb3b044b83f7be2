import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

export interface BenchServer {
  baseURL: string;
  apiBase: string;
  process: ChildProcess;
  /**
   * Milliseconds from spawn to the first 200 from /healthz and from a page; `built` is whether this
   * start rebuilt the app first (sources changed), which makes it no cold start of a built app.
   */
  coldStart: { healthzMs: number; pageMs: number; built: boolean };
  stop(): Promise<void>;
}

/**
 * `npm start` in `cwd` as its users run it: npm, its shell and what the script starts, in a process
 * group of their own so that stopping reaches all of them. Output is collected in `log()`.
 */
export function npmStart(cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn("npm", ["start"], {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  return { child, log: () => log };
}

/** SIGTERM to the whole process group `npmStart` made; resolves once no process of it is left. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  const group = -child.pid!;
  try {
    process.kill(group, "SIGTERM");
  } catch {
    return;
  }
  for (;;) {
    try {
      process.kill(group, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls `url` until it answers 200; milliseconds since `started`. Throws if `child` exits first. */
export async function firstOk(
  url: string,
  started: number,
  child: ChildProcess,
  log: () => string,
): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log()}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * The app started with `npm start` (a prior build in place), on its own ports and DATA_DIR, timed
 * to its first 200s. The threadpool is sized as `npm start` sizes it (lib/server/start.cjs), unless
 * UV_THREADPOOL_SIZE is set here.
 */
export async function startServer(env: {
  port: number;
  tlsPort: number;
  dataDir: string;
  adminKey: string;
  /** More environment, e.g. PLATFORM_URL for a dashboard in front of another platform. */
  extra?: Record<string, string>;
}): Promise<BenchServer> {
  const started = performance.now();
  const { child, log } = npmStart(root, {
    ...process.env,
    PORT: String(env.port),
    LOCAL_PLATFORM_TLS_PORT: String(env.tlsPort),
    DATA_DIR: env.dataDir,
    LOCAL_PLATFORM_ADMIN_KEY: env.adminKey,
    HOST: "127.0.0.1",
    NEXT_TELEMETRY_DISABLED: "1",
    ...env.extra,
  });
  const baseURL = `http://127.0.0.1:${env.port}`;
  const healthzMs = await firstOk(`${baseURL}/healthz`, started, child, log);
  const pageMs = await firstOk(`${baseURL}/sign-in`, started, child, log);
  return {
    baseURL,
    apiBase: `${baseURL}/kubernetes/management/apis/management.loft.sh/v1`,
    process: child,
    coldStart: { healthzMs, pageMs, built: log().includes("Building the app") },
    stop: () => stopGroup(child),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function timed(times: number, fn: (i: number) => Promise<void>) {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), n: times };
}
