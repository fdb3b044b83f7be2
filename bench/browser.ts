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
  // Network idle can come before hydration on a busy machine (no requests while React hydrates), and
  // the chunks loaded after hydration then start later: wait until a whole second brings no script.
  for (let seen = -1, waited = 0; seen !== sizes.size && waited < 10_000; waited += 1000) {
    seen = sizes.size;
    await page.waitForTimeout(1000);
  }
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

/**
 * Click "Issue token" → the issued token on screen, `times` times (p50, p99 in ms), measured two ways:
 * - `inPage`: from the click event's own timestamp to the first frame after the "Issued token" region
 *   is in the document — what the user waits for, read from the page's clock.
 * - `wallClock`: from the harness's mouse click (a real input event at the button, found beforehand)
 *   until the page reports that frame: adds the DevTools protocol's round trips.
 * Neither includes Playwright's own waiting: `locator.click()`'s actionability checks (stable over two
 * animation frames, scrolling, a hit test) and a role locator's polling, which runs an accessibility
 * query over the whole page on the page's main thread every frame and so slows the page it measures.
 * The region is then checked by role, outside the timing. `inOrder` keeps the samples in click order
 * (the first is the first issue after the page loaded).
 */
export async function clickToToken(page: Page, baseURL: string, query: string, times: number) {
  await page.goto(`${baseURL}/tokens/new?${query}`);
  const inPage: number[] = [];
  const wallClock: number[] = [];
  for (let i = 0; i < times; i++) {
    const button = page.getByRole("button", { name: "Issue token" });
    await button.waitFor();
    await page.waitForLoadState("networkidle");
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    if (!box) throw new Error("the Issue token button has no box");
    await page.evaluate(() => {
      const w = window as unknown as { __clickToToken?: Promise<number> };
      w.__clickToToken = new Promise<number>((resolve) => {
        let clickedAt = 0;
        document.addEventListener("click", (e) => (clickedAt = e.timeStamp), {
          capture: true,
          once: true,
        });
        // (No named functions in here: the bench's TypeScript loader would wrap them in a helper
        // the page does not have.)
        const observer = new MutationObserver(() => {
          if (
            !clickedAt ||
            ![...document.querySelectorAll("section[aria-labelledby]")].some(
              (el) =>
                document.getElementById(el.getAttribute("aria-labelledby")!)?.textContent ===
                "Issued token",
            )
          )
            return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - clickedAt)));
        });
        observer.observe(document.body, { subtree: true, childList: true });
      });
    });
    const t = performance.now();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const shownAfter = await page.evaluate(
      () => (window as unknown as { __clickToToken: Promise<number> }).__clickToToken,
    );
    wallClock.push(performance.now() - t);
    inPage.push(shownAfter);
    await page.getByRole("region", { name: "Issued token" }).waitFor();
    await page.getByRole("button", { name: "Issue another" }).click();
  }
  const summary = (samples: number[]) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: times, inOrder: samples };
  };
  return { inPage: summary(inPage), wallClock: summary(wallClock) };
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
