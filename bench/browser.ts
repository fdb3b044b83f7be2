import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { CHROMIUM } from "../tests/e2e/env";
import { percentile } from "./server";

export function launch(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}

export async function signIn(page: Page, baseURL: string, key: string) {
  await page.goto(`${baseURL}/sign-in`);
  await page.getByLabel("Access key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/tokens/new**");
}

/**
 * JavaScript a page downloads, gzipped: `firstLoad` counts the scripts its HTML references (what
 * Next.js calls First Load JS: what must arrive before the page is interactive); `atIdle` counts
 * every script fetched until the network is idle, including chunks loaded lazily after hydration.
 */
export async function pageJs(
  browser: Browser,
  url: string,
  storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>,
) {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  const sizes = new Map<string, Promise<number>>();
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") {
      sizes.set(
        new URL(response.url()).pathname,
        response.body().then(
          (b) => gzipSync(b, { level: 9 }).length,
          () => 0,
        ),
      );
    }
  });
  const response = await page.goto(url, { waitUntil: "networkidle" });
  const html = (await response?.text()) ?? "";
  const referenced = new Set(
    [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => new URL(m[1]!, url).pathname),
  );
  let firstLoad = 0;
  let atIdle = 0;
  for (const [path, size] of sizes) {
    const bytes = await size;
    atIdle += bytes;
    if (referenced.has(path)) firstLoad += bytes;
  }
  await context.close();
  return { firstLoadGzipBytes: firstLoad, atIdleGzipBytes: atIdle, scripts: sizes.size };
}

/** Click "Issue token" → region "Issued token" visible, `times` times (p50, p99 in ms). */
export async function clickToToken(page: Page, baseURL: string, query: string, times: number) {
  await page.goto(`${baseURL}/tokens/new?${query}`);
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const button = page.getByRole("button", { name: "Issue token" });
    await button.waitFor();
    const t = performance.now();
    await button.click();
    await page.getByRole("region", { name: "Issued token" }).waitFor();
    samples.push(performance.now() - t);
    await page.getByRole("button", { name: "Issue another" }).click();
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), n: times };
}

/**
 * Type-to-options in the "Virtual clusters" picker: from the last keystroke of a name to the moment
 * the list shows exactly that virtual cluster (server search), p50 over `names`.
 */
export async function typeToOptions(page: Page, baseURL: string, project: string, names: string[]) {
  await page.goto(`${baseURL}/tokens/new`);
  const group = page.getByRole("group", { name: "Virtual clusters", exact: true });
  await group.getByRole("combobox", { name: "Project", exact: true }).fill(project);
  await group.locator(`[role="option"][data-value="${project}"]`).click();
  const input = page.getByRole("combobox", { name: "Virtual clusters" });
  const samples: number[] = [];
  for (const name of names) {
    await input.fill("");
    await input.click();
    await input.pressSequentially(name.slice(0, -1), { delay: 0 });
    const t = performance.now();
    await input.press(name.at(-1)!);
    await page.waitForFunction((wanted) => {
      const options = document.querySelectorAll('#virtualClusters-menu [role="option"]');
      return options.length === 1 && options[0]?.getAttribute("data-value") === wanted;
    }, name);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), n: names.length };
}
