import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/**
 * More console processes beside the shared e2e server: a second dashboard for tests that must not
 * disturb it (rate limits per address, a platform behind a fault proxy) and the replicas of
 * replicas.ts. Each runs as `npm start` does — the compiled server on the build the Playwright web
 * server made, never rebuilding under it — on its own port (3600–3699) and DATA_DIR, and is stopped
 * by the test that started it.
 */

const START_TIMEOUT_MS = 90_000;

/**
 * Spawns `node <script>` (`node --import tsx` for TypeScript): the child is the process itself, so
 * kill -9 reaches it, not a wrapper.
 */
export function spawnNode(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...loader, script, ...args], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // A worker that dies without afterAll must not leave servers behind.
  const reap = () => child.kill("SIGKILL");
  process.once("exit", reap);
  child.once("exit", () => process.removeListener("exit", reap));
  return child;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once("exit", () => resolve()));

/** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
export async function terminate(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited(child);
  clearTimeout(timer);
}

/**
 * A free port on 127.0.0.1 in [min, max] (3600–3699 and 9100–9199 are ours in e2e runs). When
 * `npm test` runs the suite in shards at once (E2E_SHARD = "i/n"), each shard takes its own slice
 * of the range, so two shards never pick the same port between probing it and listening on it.
 */
export async function freePortIn(rangeMin: number, rangeMax: number): Promise<number> {
  const [min, max] = shardSlice(rangeMin, rangeMax);
  const start = min + crypto.randomInt(max - min + 1);
  for (let i = 0; i <= max - min; i++) {
    const port = min + ((start - min + i) % (max - min + 1));
    if (FETCH_BAD_PORTS.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${min}–${max}`);
}

/** Ports fetch() refuses to connect to ("bad port", the Fetch standard's list) within our ranges. */
const FETCH_BAD_PORTS = new Set([3659]);

function shardSlice(min: number, max: number): [number, number] {
  const match = /^(\d+)\/(\d+)$/.exec(process.env.E2E_SHARD ?? "");
  if (!match) return [min, max];
  const [index, count] = [Number(match[1]), Number(match[2])];
  const size = Math.floor((max - min + 1) / count);
  const from = min + (index - 1) * size;
  return [from, from + size - 1];
}

export interface ConsoleServer {
  name: string;
  origin: string;
  port: number;
  pid: number;
  dataDir: string;
  output: string[];
  /** `kill -9`: no shutdown hook runs; resolves once the process is gone. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts one console process on `port` with `env` over the defaults, and waits for /healthz. */
export async function startConsoleServer(
  name: string,
  port: number,
  env: Record<string, string>,
): Promise<ConsoleServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `dce-e2e-${name}-`));
  const child = spawnNode(path.join("lib", "server", "start.cjs"), ["--no-build"], {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
  });
  const output: string[] = [];
  child.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await terminate(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = "";
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`console ${name} exited: ${output.join("")}`);
    }
    const ok = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => {
        last = `HTTP ${r.status}`;
        return r.ok;
      },
      (error: unknown) => {
        last = String((error as Error).cause ?? error);
        return false;
      },
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`console ${name} did not answer /healthz (${last}): ${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    origin,
    port,
    pid: child.pid!,
    dataDir,
    output,
    async kill9() {
      child.kill("SIGKILL");
      await exited(child);
    },
    stop,
  };
}

/** A second dashboard server on a free port of 3600–3699. */
export async function startSecondServer(env: Record<string, string>): Promise<ConsoleServer> {
  return startConsoleServer("second", await freePortIn(3600, 3699), env);
}

/** Signs in through the form (the page must be signed out) and waits for the builder. */
export async function signInThroughForm(page: Page, origin: string, accessKey: string) {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel("Access key").fill(accessKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/tokens\/new/);
}

/** Scoped access, project "default" chosen in the Projects picker. */
export async function chooseDefaultProject(page: Page) {
  await page.getByLabel("Only what I choose below").check();
  await page.getByRole("combobox", { name: "Projects" }).click();
  await page
    .getByRole("listbox", { name: "Projects" })
    .getByRole("option", { name: "Default Project default" })
    .click();
  await expect(page.getByRole("list", { name: "Chosen projects" })).toContainText("default");
  await page.keyboard.press("Escape");
}
