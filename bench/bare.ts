import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { firstOk, npmStart, root, stopGroup } from "./server";

/**
 * A bare Next.js app (one page: a heading in the root layout) built with this project's own
 * toolchain: the reference for first-load JS and for cold start. Lives in .bench/bare (git-ignored)
 * with hard-linked node_modules; its package.json starts it as Next.js apps are started,
 * `npm start` running `next start` (port from PORT).
 */
export const bareDir = path.join(root, ".bench", "bare");

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({
    name: "bare",
    private: true,
    type: "module",
    scripts: { build: "next build", start: "next start" },
  }),
  "app/layout.tsx": `export default function L({ children }: { children: React.ReactNode }) { return <html lang="en"><body>{children}</body></html>; }\n`,
  "app/page.tsx": `export default function P() { return <h1>Hello</h1>; }\n`,
  // Its own (empty) configuration: without one, Next.js would find this project's next.config.mjs.
  "next.config.mjs": "export default {};\n",
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      jsx: "react-jsx",
      strict: true,
      module: "esnext",
      moduleResolution: "bundler",
      skipLibCheck: true,
      noEmit: true,
      esModuleInterop: true,
      isolatedModules: true,
      lib: ["dom", "esnext"],
    },
    include: ["**/*.tsx"],
  }),
};

/** What the build is of: its files and this project's Next.js version. */
function buildKey() {
  const nextPackage = fs.readFileSync(path.join(root, "node_modules/next/package.json"), "utf8");
  return JSON.stringify({ files: FILES, next: JSON.parse(nextPackage).version });
}

/** Builds the bare app unless the build in .bench/bare is already of these files and Next.js. */
export function buildBarePage(): string {
  const keyFile = path.join(bareDir, ".bench-build-key");
  const key = buildKey();
  if (
    fs.existsSync(path.join(bareDir, ".next", "BUILD_ID")) &&
    fs.existsSync(keyFile) &&
    fs.readFileSync(keyFile, "utf8") === key
  )
    return bareDir;
  fs.rmSync(bareDir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(bareDir, file)), { recursive: true });
    fs.writeFileSync(path.join(bareDir, file), text);
  }
  execFileSync("cp", ["-al", path.join(root, "node_modules"), path.join(bareDir, "node_modules")]);
  execFileSync(process.execPath, [path.join(bareDir, "node_modules/next/dist/bin/next"), "build"], {
    cwd: bareDir,
    stdio: "ignore",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync(keyFile, key);
  return bareDir;
}

/**
 * Starts the built bare app with `npm start` on `port` and waits for its page's first 200:
 * `coldStartMs` is the time from spawn to it.
 */
export async function startBarePage(port: number) {
  buildBarePage();
  const started = performance.now();
  const { child, log } = npmStart(bareDir, {
    ...process.env,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
  });
  const url = `http://127.0.0.1:${port}/`;
  const coldStartMs = await firstOk(url, started, child, log);
  return { url, coldStartMs, stop: () => stopGroup(child) };
}
