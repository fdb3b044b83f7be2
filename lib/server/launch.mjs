// @ts-check
/**
 * Builds what is out of date, then runs the compiled server — plain JavaScript, no TypeScript
 * transpiler at run time. `npm start` runs it through start.cjs, which sizes libuv's threadpool
 * first. A fresh clone therefore needs only `npm install && npm start`.
 *
 * Two builds, both keyed by one hash of the sources: the server entry (lib/server/main.ts and what it
 * imports) bundled by esbuild into node_modules/.cache (about a second), and the Next.js app
 * (`next build`, about a minute). The server bundle is made first so an invalid configuration is
 * reported before the long build. `--build-only` builds and exits (CI, benchmarks); `--no-build`
 * runs the existing build as it is (extra servers in tests, beside one that built).
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const outDir = path.join(root, "node_modules", ".cache", "dce-token-console");
const serverBundle = path.join(outDir, "server.mjs");
const chunksDir = path.join(outDir, "chunks");
const stampFile = path.join(outDir, "source-hash");
const listingFile = path.join(outDir, "source-listing");

/** What a build depends on: a change to any of these rebuilds on the next start. */
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.mjs",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

/**
 * Every source file with its size and modification time: a cheap look at whether anything changed.
 * Directory entries come typed, so only files are stat'ed (about 400 calls, some 10 ms of a start).
 */
function listSources() {
  /** @type {string[]} */
  const lines = [];
  /** @param {string} p @param {fs.Stats} stat */
  const file = (p, stat) => lines.push(`${p}\t${stat.size}\t${stat.mtimeMs}`);
  /** @param {string} dir */
  const walk = (dir) => {
    const entries = fs.readdirSync(`${root}/${dir}`, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const p = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(p);
      else file(p, fs.statSync(`${root}/${p}`));
    }
  };
  for (const p of SOURCES) {
    const stat = fs.statSync(`${root}/${p}`, { throwIfNoEntry: false });
    if (stat?.isDirectory()) walk(p);
    else if (stat) file(p, stat);
  }
  return lines;
}

/** One hash of the sources' paths and contents: what a build is keyed by. */
function hashSources(/** @type {string[]} */ listed) {
  const hash = crypto.createHash("sha256");
  for (const line of listed) {
    const p = line.slice(0, line.indexOf("\t"));
    hash
      .update(p)
      .update("\0")
      .update(fs.readFileSync(path.join(root, p)))
      .update("\0");
  }
  return hash.digest("hex");
}

/**
 * Whether the existing build is of the current sources. Reading every file is the proof; it is
 * skipped when no file's size or modification time changed since the last start that read them.
 */
function upToDate() {
  if (
    !fs.existsSync(path.join(root, ".next", "BUILD_ID")) ||
    !fs.existsSync(serverBundle) ||
    !fs.existsSync(stampFile)
  )
    return { built: false, listed: listSources() };
  const listed = listSources();
  const listing = listed.join("\n");
  if (fs.existsSync(listingFile) && fs.readFileSync(listingFile, "utf8") === listing)
    return { built: true, listed };
  const hash = hashSources(listed);
  const built = fs.readFileSync(stampFile, "utf8") === hash;
  if (built) fs.writeFileSync(listingFile, listing);
  return { built, listed, hash };
}

/**
 * Bundles the server entry into one ES module; packages that must stay separate are external. What
 * the server imports on demand (`await import(…)`: certificate making, PostgreSQL) is split into
 * chunks of its own, so neither it nor the packages it imports load at start.
 */
async function bundleServer() {
  const { build } = await import("esbuild");
  fs.rmSync(chunksDir, { recursive: true, force: true });
  await build({
    entryPoints: { server: path.join(root, "lib/server/main.ts") },
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    splitting: true,
    bundle: true,
    // Less to parse at every start; names are kept, so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: "linked",
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: path.join(root, "tsconfig.json"),
    // Next.js and React are the app's own; native and rarely needed packages load on demand.
    external: [
      "next",
      "react",
      "react-dom",
      "better-sqlite3",
      "pg",
      "@peculiar/x509",
      "reflect-metadata",
      "esbuild",
    ],
    // Bundled CommonJS packages call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __dceCreateRequire } from 'node:module'; const require = __dceCreateRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
}

const noBuild = process.argv.includes("--no-build");
const { built, listed, hash } = noBuild ? { built: true, listed: [] } : upToDate();

if (!built) {
  // Keyed by the sources as they are now: an edit made during the build rebuilds on the next start.
  const stamp = hash ?? hashSources(listed);
  await bundleServer();
  /** @type {import("./main")} */
  const server = await import(serverBundle);
  server.configOrExit();
  console.log("Building the app (first start or sources changed)…");
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "build"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stampFile, stamp);
  fs.writeFileSync(listingFile, listed.join("\n"));
}

if (process.argv.includes("--build-only")) process.exit(0);

process.env.NODE_ENV = "production";
/** @type {import("./main")} */
const { main } = await import(serverBundle);
await main({ root });
