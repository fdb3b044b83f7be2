import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

export interface BenchServer {
  baseURL: string;
  apiBase: string;
  process: ChildProcess;
  /** Milliseconds from spawn to the first 200 from /healthz and from a page. */
  coldStart: { healthzMs: number; pageMs: number };
  stop(): Promise<void>;
}

/** `npm start`'s entry (the compiled server) on a built app, on its own ports and DATA_DIR, timed to its first 200s. */
export async function startServer(env: {
  port: number;
  tlsPort: number;
  dataDir: string;
  adminKey: string;
  /** More environment, e.g. PLATFORM_URL for a dashboard in front of another platform. */
  extra?: Record<string, string>;
}): Promise<BenchServer> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(root, "lib/server/launch.mjs")],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(env.port),
        LOCAL_PLATFORM_TLS_PORT: String(env.tlsPort),
        DATA_DIR: env.dataDir,
        LOCAL_PLATFORM_ADMIN_KEY: env.adminKey,
        HOST: "127.0.0.1",
        NEXT_TELEMETRY_DISABLED: "1",
        // As `npm start` sizes it: signing threads = cores (see package.json).
        UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? String(os.availableParallelism()),
        ...env.extra,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const baseURL = `http://127.0.0.1:${env.port}`;
  const until = async (url: string) => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
      try {
        const res = await fetch(url, { redirect: "manual" });
        if (res.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const healthzMs = await until(`${baseURL}/healthz`);
  const pageMs = await until(`${baseURL}/sign-in`);
  return {
    baseURL,
    apiBase: `${baseURL}/kubernetes/management/apis/management.loft.sh/v1`,
    process: child,
    coldStart: { healthzMs, pageMs },
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
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
