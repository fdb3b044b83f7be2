import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/**
 * A second dashboard server for tests that must not disturb the shared e2e server (rate limits per
 * address, a platform behind a fault proxy). It reuses the `.next` build the Playwright webServer
 * made, on its own port and DATA_DIR, and is stopped by the test that started it.
 */
export interface SecondServer {
  origin: string;
  port: number;
  dataDir: string;
  output: string[];
  stop(): Promise<void>;
}

/** A free port on 127.0.0.1 in [min, max] (3600–3699 and 9100–9199 are ours in e2e runs). */
export async function freePortIn(min: number, max: number): Promise<number> {
  const start = min + crypto.randomInt(max - min + 1);
  for (let i = 0; i <= max - min; i++) {
    const port = min + ((start - min + i) % (max - min + 1));
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${min}–${max}`);
}

export async function startSecondServer(env: Record<string, string>): Promise<SecondServer> {
  const port = await freePortIn(3600, 3699);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-e2e-second-"));
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    // `npm start`'s entry: the compiled server, on the build the Playwright web server made (never
    // rebuilding under it, whatever changed since).
    [path.join("lib", "server", "launch.mjs"), "--no-build"],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        DATA_DIR: dataDir,
        NEXT_TELEMETRY_DISABLED: "1",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`second server exited: ${output.join("")}`);
    }
    const ok = await fetch(`${origin}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`second server did not start: ${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, port, dataDir, output, stop };
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
