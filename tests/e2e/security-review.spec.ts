import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";

/**
 * Attacks from a security review, each stopped: an open redirect after sign-in, cookie security
 * chosen by a header the client controls, and forms refused before scripts load.
 */

test.use({ storageState: { cookies: [], origins: [] } });

const HOSTILE_NEXT = [
  "/%5Cevil.example/x", // the page's old prefix check let "/\" through
  "/%09/evil.example/", // the action's check let control characters through
  "/%2F/evil.example/",
  "//evil.example/x",
  "https://evil.example/x",
  "/.//evil.example/",
];

/** Every URL the browser's main frame visited, to prove it never left the console's origin. */
function trackNavigations(page: Page): string[] {
  const visited: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
  page.on("request", (request) => {
    if (request.isNavigationRequest()) visited.push(request.url());
  });
  return visited;
}

async function signInHere(page: Page) {
  await page.getByLabel("Access key").fill(E2E.adminKey);
  await page.getByRole("button", { name: "Sign in" }).click();
}

for (const next of HOSTILE_NEXT) {
  test(`signing in with next=${next} stays on the console`, async ({ page }) => {
    const visited = trackNavigations(page);
    await page.goto(`/sign-in?next=${next}`);
    await signInHere(page);
    await expect(page).toHaveURL(`${E2E.baseURL}/tokens/new`);
    for (const url of visited) expect(new URL(url).origin, url).toBe(E2E.baseURL);

    // Signed in, the same link sends the visitor on — to the console, never away.
    await page.goto(`/sign-in?next=${next}`);
    await expect(page).toHaveURL(`${E2E.baseURL}/tokens/new`);
    for (const url of visited) expect(new URL(url).origin, url).toBe(E2E.baseURL);
  });
}

test("a same-origin next is honoured", async ({ page }) => {
  await page.goto(`/sign-in?next=${encodeURIComponent("/tokens/inspect")}`);
  await signInHere(page);
  await expect(page).toHaveURL(`${E2E.baseURL}/tokens/inspect`);
});

test("X-Forwarded-Proto from the client does not choose the cookie's security", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "x-forwarded-proto": "https" },
  });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signInHere(page);
  await expect(page).toHaveURL(/\/tokens\/new/);
  const names = (await context.cookies()).map((c) => c.name);
  // This server is configured for plain http (no PUBLIC_URL / COOKIE_SECURE): one cookie, no prefix.
  expect(names).toEqual(["dce_session"]);
  await context.close();
});

test.describe("before scripts load (JavaScript disabled)", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-in and sign-out work as plain form posts", async ({ page }) => {
    await page.goto("/sign-in?next=/tokens/inspect");
    const signIn = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in",
    );
    await signInHere(page);
    expect((await signIn).status()).toBeLessThan(400);
    await expect(page).toHaveURL(`${E2E.baseURL}/tokens/inspect`);
    expect((await page.context().cookies()).map((c) => c.name)).toContain("dce_session");

    const signOut = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Sign out" }).click();
    expect((await signOut).status()).toBeLessThan(400);
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain("dce_session");
  });
});
