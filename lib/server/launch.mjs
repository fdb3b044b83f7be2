// @ts-check
/**
 * `npm start`: builds what is out of date, then runs the compiled server — plain JavaScript, no
 * TypeScript transpiler at run time. A fresh clone therefore needs only `npm install && npm start`.
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
const stampFile = path.join(outDir, "source-hash");

/** What a build depends on: a change to any of these rebuilds on the next start. */
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

function hashSources() {
  const hash = crypto.createHash("sha256");
  /** @param {string} p */
  const walk = (p) => {
    const full = path.join(root, p);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const entry of fs.readdirSync(full).sort()) walk(path.join(p, entry));
    } else {
      hash.update(p).update("\0").update(fs.readFileSync(full)).update("\0");
    }
  };
  SOURCES.forEach(walk);
  return hash.digest("hex");
}

/** Bundles the server entry into one ES module; packages that must stay separate are external. */
async function bundleServer() {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [path.join(root, "lib/server/main.ts")],
    outfile: serverBundle,
    bundle: true,
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
const current = noBuild ? "" : hashSources();
const built =
  noBuild ||
  (fs.existsSync(path.join(root, ".next", "BUILD_ID")) &&
    fs.existsSync(serverBundle) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, "utf8") === current);

if (!built) {
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
  fs.writeFileSync(stampFile, current);
}

if (process.argv.includes("--build-only")) process.exit(0);

process.env.NODE_ENV = "production";
/** @type {import("./main")} */
const { main } = await import(serverBundle);
await main({ root });
