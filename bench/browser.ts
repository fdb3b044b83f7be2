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

/** Gzipped bytes of every script the page loads on first load (what `First Load JS` means). */
export async function firstLoadJs(
  browser: Browser,
  url: string,
  storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>,
) {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script")
      sizes.push(
        response.body().then(
          (b) => gzipSync(b, { level: 9 }).length,
          () => 0,
        ),
      );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return { gzipBytes: bytes, scripts: sizes.length };
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

/** Type a name in the "Virtual clusters" picker → that option shown (server search), p50 over `names`. */
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
    const t = performance.now();
    await input.pressSequentially(name, { delay: 0 });
    await page
      .getByRole("option", {
        name: new RegExp(`^Virtual cluster ${Number(name.split("-")[1])}\\b`),
      })
      .first()
      .waitFor();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), n: names.length };
}
