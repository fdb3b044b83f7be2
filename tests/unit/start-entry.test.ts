import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `npm start`'s entry (lib/server/start.cjs) sizes libuv's threadpool before the pool exists. The
 * pool's real size is measured in the started process: as it exits, a probe (loaded with --require)
 * queues more blocking jobs than any expected size (each a read-open of a FIFO nobody writes, which
 * holds a pool thread) and counts how many are running at once.
 */

const root = path.resolve(import.meta.dirname, "../..");
const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-pool-probe-"));
const probe = path.join(probeDir, "probe.cjs");
fs.writeFileSync(
  probe,
  `
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
// A non-blocking write-open succeeds only while a reader has the FIFO open; it also releases that reader.
const release = (fifo) => {
  try {
    fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    return true;
  } catch {
    return false;
  }
};
process.on("exit", () => {
  const dir = fs.mkdtempSync(path.join(${JSON.stringify(probeDir)}, "fifos-"));
  const fifos = Array.from({ length: ${Math.max(16, os.availableParallelism() + 8)} }, (_, i) => path.join(dir, "f" + i));
  execFileSync("mkfifo", fifos);
  for (const fifo of fifos) fs.open(fifo, "r", () => {});
  sleep(300);
  // The pool takes jobs in order: the first n hold its n threads. Checked from the last, so a
  // thread freed by a release takes a job already counted.
  const running = [...fifos].reverse().filter(release).length;
  process.stdout.write("pool " + running + "\\n");
  let waiting = fifos.slice(running);
  while (waiting.length) {
    waiting = waiting.filter((fifo) => !release(fifo));
    sleep(5);
  }
});
`,
);
afterAll(() => fs.rmSync(probeDir, { recursive: true, force: true }));

/** The threadpool size of `node <entry>` (runs no server: `--no-build --build-only` exits at once). */
function poolSize(entry: string, env: NodeJS.ProcessEnv): number {
  const out = execFileSync(
    process.execPath,
    ["--require", probe, path.join(root, entry), "--no-build", "--build-only"],
    { cwd: root, env, encoding: "utf8", timeout: 30_000 },
  );
  return Number(/pool (\d+)/.exec(out)?.[1]);
}

const withoutPoolSize = () => {
  const env = { ...process.env };
  delete env.UV_THREADPOOL_SIZE;
  return env;
};

describe.skipIf(process.platform === "win32")("npm start's threadpool", () => {
  it("has one thread per core when UV_THREADPOOL_SIZE is not set", () => {
    expect(poolSize("lib/server/start.cjs", withoutPoolSize())).toBe(os.availableParallelism());
    expect(poolSize("lib/server/start.cjs", { ...withoutPoolSize(), UV_THREADPOOL_SIZE: "" })).toBe(
      os.availableParallelism(),
    );
  });

  it("keeps an explicit UV_THREADPOOL_SIZE", () => {
    expect(poolSize("lib/server/start.cjs", { ...process.env, UV_THREADPOOL_SIZE: "3" })).toBe(3);
    expect(poolSize("lib/server/start.cjs", { ...process.env, UV_THREADPOOL_SIZE: "7" })).toBe(7);
  });

  it("is measured in the process itself: launch.mjs alone (which sets nothing) has libuv's default of 4", () => {
    expect(poolSize("lib/server/launch.mjs", withoutPoolSize())).toBe(4);
  });
});
