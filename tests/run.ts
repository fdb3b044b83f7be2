import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * `npm test`: lint, typecheck, unit + api (Vitest), then e2e (Playwright in Debian's Chromium against
 * the real server on a fresh DATA_DIR, started and stopped by Playwright). Stops at the first failure.
 *
 * With E2E_SHARDS=n the e2e suite runs as n Playwright processes at once (`--shard=i/n`), each with
 * its own server, ports, DATA_DIR and slice of the ports extra servers take, on one build made
 * first. The default is 1: on a 2-core machine two shards took longer than one (the browser, the
 * server and the local platform already keep both cores busy) and hit test timeouts.
 */
const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const SHARDS = Math.max(1, Number(process.env.E2E_SHARDS ?? 1));

type Step = { name: string; run: () => Promise<number> };

/** Runs a command with the terminal's output; resolves to its exit code. */
function inherit(command: string, args: string[], env: Record<string, string> = {}) {
  return Promise.resolve(
    spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } })
      .status ?? 1,
  );
}

/** Runs a command, each line of its output prefixed with `label`; resolves to its exit code. */
function prefixed(label: string, command: string, args: string[], env: Record<string, string>) {
  return new Promise<number>((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env } });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = "";
      stream.on("data", (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) process.stdout.write(`${label} ${line}\n`);
      });
      stream.on("end", () => rest && process.stdout.write(`${label} ${rest}\n`));
    }
    child.on("close", (code) => resolve(code ?? 1));
  });
}

/** One shard of the e2e suite, on ports and a DATA_DIR of its own. */
function shard(index: number): Promise<number> {
  const env = {
    E2E_FRESH: "1",
    E2E_SHARD: `${index}/${SHARDS}`,
    E2E_PORT: String(3107 + (index - 1) * 10),
    E2E_TLS_PORT: String(8547 + (index - 1) * 10),
    E2E_DATA_DIR: path.join(root, SHARDS === 1 ? ".data-e2e" : `.data-e2e-${index}`),
  };
  fs.rmSync(env.E2E_DATA_DIR, { recursive: true, force: true });
  const args = ["test", `--output=test-results/shard-${index}`];
  if (SHARDS > 1) args.push(`--shard=${index}/${SHARDS}`);
  return prefixed(SHARDS > 1 ? `[e2e ${index}/${SHARDS}]` : "", bin("playwright"), args, env);
}

async function e2e(): Promise<number> {
  // One build for every shard: their servers then start on it without building again.
  const built = await inherit(process.execPath, [
    path.join("lib", "server", "launch.mjs"),
    "--build-only",
  ]);
  if (built !== 0) return built;
  const codes = await Promise.all(Array.from({ length: SHARDS }, (_, i) => shard(i + 1)));
  return codes.find((c) => c !== 0) ?? 0;
}

const steps: Step[] = [
  { name: "lint", run: () => inherit(bin("eslint"), ["--max-warnings=0", "."]) },
  { name: "typecheck", run: () => inherit(bin("tsc"), ["--noEmit"]) },
  { name: "unit + api", run: () => inherit(bin("vitest"), ["run"]) },
  { name: "e2e", run: e2e },
];

const only = process.argv.slice(2);
const started = Date.now();
for (const { name, run } of steps) {
  if (only.length && !only.includes(name.split(" ")[0]!)) continue;
  console.log(`\n▶ ${name}`);
  const t = Date.now();
  const status = await run();
  if (status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${status})`);
    process.exit(status);
  }
  console.log(`✔ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
