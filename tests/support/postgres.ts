import { execFile, execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

/**
 * A real, throwaway PostgreSQL server for tests and benchmarks, started from Debian's binaries
 * (`apt-get install postgresql`; .ci/run installs it when missing). TEST_DATABASE_URL points at an
 * existing server instead. Each test file should take its own database with createDatabase().
 */

export interface TestPostgres {
  /** Superuser URL of the server's `postgres` database (no password; trust auth on 127.0.0.1). */
  url: string;
  /** Stops the server and deletes its data directory. A no-op for TEST_DATABASE_URL. */
  stop(): Promise<void>;
}

const run = promisify(execFile);
const READY_TIMEOUT_MS = 20_000;

interface Binaries {
  initdb: string;
  pgCtl: string;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Debian's /usr/lib/postgresql/<version>/bin, highest version first, then PATH. */
function findPostgresBinaries(): Binaries | null {
  const dirs: string[] = [];
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  dirs.push(...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean));
  for (const dir of dirs) {
    const initdb = path.join(dir, "initdb");
    const pgCtl = path.join(dir, "pg_ctl");
    if (isExecutable(initdb) && isExecutable(pgCtl)) return { initdb, pgCtl };
  }
  return null;
}

/** A port nobody listens on right now (the OS picks it; there is a small window before postgres binds it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, its commands run as Debian's `postgres` user. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      "PostgreSQL will not run as root and there is no `postgres` user to run it as: " +
        "install Debian's postgresql package, or set TEST_DATABASE_URL.",
    );
  }
}

function command(user: { uid: number } | null, file: string, args: string[]): [string, string[]] {
  return user ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
}

function chownTree(dir: string, user: { uid: number; gid: number }) {
  fs.chownSync(dir, user.uid, user.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, user);
    else fs.chownSync(p, user.uid, user.gid);
  }
}

async function exec(user: { uid: number } | null, cwd: string, file: string, args: string[]) {
  const [cmd, argv] = command(user, file, args);
  try {
    return await run(cmd, argv, { cwd, encoding: "utf8" });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(
      `${path.basename(file)} failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`.trim(),
    );
  }
}

async function waitUntilReady(url: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new Error(`PostgreSQL at ${url} did not accept connections within 20 s: ${String(last)}`);
}

/** Starts a throwaway PostgreSQL on 127.0.0.1 (or returns TEST_DATABASE_URL's server). */
export async function startPostgres(): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { url: external, stop: async () => {} };

  const bin = findPostgresBinaries();
  if (!bin)
    throw new Error(
      "No PostgreSQL server binaries (initdb and pg_ctl) in /usr/lib/postgresql/*/bin or on PATH: " +
        "install Debian's postgresql package, or set TEST_DATABASE_URL.",
    );
  const user = runAs();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-pg-"));
  const data = path.join(dir, "data");
  const socketDir = path.join(dir, "socket");
  const log = path.join(dir, "server.log");
  fs.mkdirSync(socketDir);
  if (user) chownTree(dir, user);

  let running = false;
  const stopSync = () => {
    if (!running) return;
    running = false;
    const [cmd, argv] = command(user, bin.pgCtl, ["stop", "-D", data, "-m", "immediate", "-w"]);
    spawnSync(cmd, argv, { cwd: dir, stdio: "ignore" });
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // A run that exits without calling stop() (a crash, process.exit) must not leave a server behind.
  process.once("exit", stopSync);

  try {
    await exec(user, dir, bin.initdb, [
      "-D",
      data,
      "-A",
      "trust",
      "-U",
      "postgres",
      "--no-sync",
      "-E",
      "UTF8",
      "--locale=C",
    ]);

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      fs.appendFileSync(
        path.join(data, "postgresql.conf"),
        [
          "",
          "# tests/support/postgres.ts: a throwaway server, fast rather than durable",
          "listen_addresses = '127.0.0.1'",
          `port = ${port}`,
          `unix_socket_directories = '${socketDir}'`,
          "max_connections = 200",
          "fsync = off",
          "synchronous_commit = off",
          "full_page_writes = off",
          "",
        ].join("\n"),
      );
      try {
        running = true;
        await exec(user, dir, bin.pgCtl, [
          "start",
          "-D",
          data,
          "-l",
          log,
          "-w",
          "-t",
          String(READY_TIMEOUT_MS / 1000),
        ]);
        break;
      } catch (error) {
        running = false;
        const serverLog = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
        // Someone took the port between freePort() and postgres binding it: try another.
        if (attempt < 3 && /could not bind|already in use/i.test(serverLog)) continue;
        throw new Error(`${(error as Error).message}\n${serverLog}`.trim());
      }
    }

    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await waitUntilReady(url);
    return {
      url,
      stop: async () => {
        if (!running) return;
        running = false;
        process.removeListener("exit", stopSync);
        await exec(user, dir, bin.pgCtl, ["stop", "-D", data, "-m", "immediate", "-w"]).catch(
          () => {},
        );
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    stopSync();
    process.removeListener("exit", stopSync);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Creates a fresh, empty database on adminUrl's server and returns its URL (same credentials). */
export async function createDatabase(
  adminUrl: string,
  name = `dce_test_${randomBytes(6).toString("hex")}`,
): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}
