import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { PlatformProxy } from "../support/platform-proxy";
import { E2E } from "./env";
import { chooseProject } from "./platform";
import {
  chooseDefaultProject,
  signInThroughForm,
  startSecondServer,
  type ConsoleServer,
} from "./second-server";

/**
 * Platform faults, end to end: a second dashboard server talks to the e2e local platform through a
 * fault-injecting proxy (down, slow past PLATFORM_TIMEOUT_MS, 500, garbage). The user must see a
 * clear, retryable error, keep every choice, and succeed once the platform is back.
 */
type Mode = "pass" | "down" | "slow" | "500" | "garbage";
const TIMEOUT_MS = 1500;

/** The platform behind a proxy whose `mode` says how it fails. */
class FaultProxy extends PlatformProxy {
  mode: Mode = "pass";
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor() {
    super({ port: E2E.tlsPort, ca: fs.readFileSync(path.join(E2E.dataDir, "ca.pem")) });
  }

  protected override handle(req: http.IncomingMessage, res: http.ServerResponse) {
    switch (this.mode) {
      case "down":
        req.socket.destroy();
        return;
      case "slow": {
        // Hold the request well past the dashboard's timeout, then drop it.
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          req.socket.destroy();
        }, TIMEOUT_MS * 4);
        this.timers.add(timer);
        return;
      }
      case "500":
        res.writeHead(500, { "content-type": "text/plain" }).end("upstream exploded");
        return;
      case "garbage":
        res.writeHead(200, { "content-type": "application/json" }).end("<html>not json at all");
        return;
      case "pass":
        this.forward(req, res, req.url ?? "/");
    }
  }

  override async close() {
    for (const timer of this.timers) clearTimeout(timer);
    await super.close();
  }
}

let proxy: FaultProxy;
let server: ConsoleServer | undefined;

test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  proxy = new FaultProxy();
  await proxy.listen();
  server = await startSecondServer({
    PLATFORM_URL: `http://127.0.0.1:${proxy.port}`,
    SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
    PLATFORM_TIMEOUT_MS: String(TIMEOUT_MS),
  });
});

test.afterAll(async () => {
  await server?.stop();
  await proxy?.close();
});

/** The form still holds project "default", space "default/*" and a 7-day TTL. */
async function expectChoicesKept(page: Page) {
  await expect(page.getByRole("list", { name: "Chosen projects" })).toContainText("default");
  await expect(page.getByRole("list", { name: "Chosen spaces" })).toContainText("default/*");
  await expect(page.getByLabel("Time to live")).toHaveValue(String(7 * 86_400));
  await expect(page.getByLabel("Only what I choose below")).toBeChecked();
  await expect(page.getByRole("button", { name: "Issue token" })).toBeEnabled();
}

test("each platform fault is a clear, retryable error that keeps the form; issuing works once it is back", async ({
  page,
}) => {
  proxy.mode = "pass";
  await signInThroughForm(page, server!.origin, E2E.adminKey);
  await chooseDefaultProject(page);
  await chooseProject(page, "Spaces", "default");
  await page.getByRole("combobox", { name: "Spaces" }).click();
  await page
    .getByRole("listbox", { name: "Spaces" })
    .getByRole("option", { name: /All in this project/ })
    .click();
  await page.keyboard.press("Escape");
  await page.getByLabel("Time to live").selectOption({ label: "7 days" });
  await expectChoicesKept(page);

  const expected: Record<Exclude<Mode, "pass">, RegExp> = {
    down: /could not reach the platform at http:\/\/127\.0\.0\.1:\d+/,
    slow: /did not answer within 1\.5 s/,
    "500": /answered HTTP 500/,
    garbage: /did not answer with JSON/,
  };
  for (const mode of ["down", "slow", "500", "garbage"] as const) {
    proxy.mode = mode;
    await page.getByRole("button", { name: "Issue token" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "try again" });
    await expect(alert, mode).toContainText(expected[mode]);
    await expect(alert, mode).toContainText(
      "Your choices are kept: press Issue token to try again.",
    );
    await expect(alert, mode).not.toContainText(E2E.adminKey);
    await expect(page.getByRole("region", { name: "Issued token" })).toHaveCount(0);
    await expectChoicesKept(page);
  }

  proxy.mode = "pass";
  await page.getByRole("button", { name: "Issue token" }).click();
  const issued = page.getByRole("region", { name: "Issued token" });
  await expect(issued).toBeVisible();
  await expect(issued).toContainText("default");
});

test("the pickers show an error with Retry while the platform is down, and recover on Retry", async ({
  page,
}) => {
  proxy.mode = "pass";
  await signInThroughForm(page, server!.origin, E2E.adminKey);
  proxy.mode = "down";
  await page.reload();
  await page.getByLabel("Only what I choose below").check();
  await page.getByRole("combobox", { name: "Projects" }).click();
  // Every picker that lists from the platform says so (Projects, the project choosers of Spaces and
  // Virtual clusters, Clusters); each picker's own status line carries Retry.
  const failing = page.getByRole("status").filter({ hasText: "could not reach the platform" });
  await expect(failing).toHaveCount(4);
  const status = page.locator("#projects-status");
  await expect(status).toContainText("could not reach the platform");
  const retry = status.getByRole("button", { name: "Retry" });
  await expect(retry).toBeVisible();

  proxy.mode = "pass";
  await retry.click();
  await page.getByRole("combobox", { name: "Projects" }).click();
  await expect(
    page
      .getByRole("listbox", { name: "Projects" })
      .getByRole("option", { name: "Default Project default" }),
  ).toBeVisible();
  // The Clusters picker is its own list: its Retry recovers it.
  await expect(failing).toHaveCount(1);
  await page.locator("#clusters-status").getByRole("button", { name: "Retry" }).click();
  await expect(failing).toHaveCount(0);
});
