import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * `npm test`: lint, typecheck, unit + api (Vitest), then e2e (Playwright in Debian's Chromium against
 * the real server on a fresh DATA_DIR, started and stopped by Playwright). Stops at the first failure.
 */
const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

const steps: Array<[string, string, string[], Record<string, string>?]> = [
  ["lint", bin("eslint"), ["--max-warnings=0", "."]],
  ["typecheck", bin("tsc"), ["--noEmit"]],
  ["unit + api", bin("vitest"), ["run"]],
  ["e2e", bin("playwright"), ["test"], { E2E_FRESH: "1" }],
];

const only = process.argv.slice(2);
const started = Date.now();
for (const [name, command, args, env] of steps) {
  if (only.length && !only.includes(name.split(" ")[0]!)) continue;
  if (name === "e2e")
    fs.rmSync(path.resolve(process.env.E2E_DATA_DIR ?? path.join(root, ".data-e2e")), {
      recursive: true,
      force: true,
    });
  console.log(`\n▶ ${name}`);
  const t = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  console.log(`✔ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
