import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./server";

/**
 * A bare Next.js page (one heading, root layout) built with this project's own toolchain, as the
 * reference for first-load JS. Lives in .bench/bare (git-ignored) with hard-linked node_modules.
 */
export async function startBarePage(port: number) {
  const dir = path.join(root, ".bench", "bare");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "app"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "bare", private: true, type: "module" }),
  );
  fs.writeFileSync(
    path.join(dir, "app", "layout.tsx"),
    `export default function L({ children }: { children: React.ReactNode }) { return <html lang="en"><body>{children}</body></html>; }\n`,
  );
  fs.writeFileSync(
    path.join(dir, "app", "page.tsx"),
    `export default function P() { return <h1>Hello</h1>; }\n`,
  );
  // Its own (empty) configuration: without one, Next.js would find this project's next.config.ts.
  fs.writeFileSync(path.join(dir, "next.config.mjs"), "export default {};\n");
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
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
  );
  execFileSync("cp", ["-al", path.join(root, "node_modules"), path.join(dir, "node_modules")]);
  const next = path.join(dir, "node_modules", "next", "dist", "bin", "next");
  execFileSync(process.execPath, [next, "build"], {
    cwd: dir,
    stdio: "ignore",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const child = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, stop: () => child.kill("SIGTERM") };
}
