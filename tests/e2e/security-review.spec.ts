import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signInActionIds } from "@/lib/server/action-ids";
import { E2E } from "./env";
import { freePortIn, startSecondServer, type ConsoleServer } from "./second-server";

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
    // The tracker saw the way there, so an empty list cannot pass for "never left".
    expect(visited.map((url) => new URL(url).pathname)).toContain("/sign-in");
    expect(visited.filter((url) => new URL(url).origin !== E2E.baseURL)).toEqual([]);

    // Signed in, the same link sends the visitor on — to the console, never away.
    const before = visited.length;
    await page.goto(`/sign-in?next=${next}`);
    await expect(page).toHaveURL(`${E2E.baseURL}/tokens/new`);
    expect(visited.length).toBeGreaterThan(before);
    expect(visited.filter((url) => new URL(url).origin !== E2E.baseURL)).toEqual([]);
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

test("signed in over https, signed out over http: the session ends on both", async ({
  browser,
}) => {
  // The local platform's HTTPS port serves the console too: the same host, another port and scheme.
  const https = `https://127.0.0.1:${E2E.tlsPort}`;
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    ignoreHTTPSErrors: true,
  });
  const page = await context.newPage();
  await page.goto(`${https}/sign-in`);
  await signInHere(page);
  await expect(page).toHaveURL(`${https}/tokens/new`);
  await page.goto(`${E2E.baseURL}/tokens/new`);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await context.cookies()).filter((c) => c.name.endsWith("dce_session"))).toEqual([]);
  await page.goto(`${https}/tokens/new`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
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
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    expect((await signOut).status()).toBeLessThan(400);
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain("dce_session");
  });
});

test.describe("the sign-in limit wherever the action is posted (second server, SIGN_IN_RATE_LIMIT=2)", () => {
  let server: ConsoleServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startSecondServer({
      LOCAL_PLATFORM_TLS_PORT: String(await freePortIn(9100, 9199)),
      LOCAL_PLATFORM_ADMIN_KEY: `limit-admin-${crypto.randomBytes(12).toString("hex")}`,
      SIGN_IN_RATE_LIMIT: "2",
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("a script posting the sign-in action to another page's URL is limited just the same", async ({
    page,
  }) => {
    const origin = server!.origin;
    await page.goto(`${origin}/sign-in`);
    const posted = page.waitForRequest(
      (r) => r.method() === "POST" && r.headers()["next-action"] !== undefined,
    );
    await page.getByLabel("Access key").fill(`wrong-${crypto.randomBytes(8).toString("hex")}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const request = await posted;
    await expect(page.getByText("The platform did not accept this access key.")).toBeVisible();
    const headers = await request.allHeaders();
    // The id the browser posted is the one the server reads from the build's private manifest.
    expect(signInActionIds(process.cwd())?.has(headers["next-action"]!)).toBe(true);
    const replay = (path: string) =>
      page.request.post(`${origin}${path}`, {
        headers: {
          "next-action": headers["next-action"]!,
          "content-type": headers["content-type"]!,
          origin,
          accept: "text/x-component",
        },
        data: request.postDataBuffer()!,
        maxRedirects: 0,
      });

    // Attempt 2 (within the limit), posted to another page: checked against the platform.
    const second = await replay("/tokens/inspect");
    expect(await second.text()).toContain("The platform did not accept this access key.");
    // Attempts 3 and 4, to other pages still: the same limit, one message.
    for (const path of ["/tokens/inspect", "/tokens/new"]) {
      const limited = await replay(path);
      expect(limited.status(), path).toBe(200);
      expect(await limited.text(), path).toContain("Too many sign-in attempts");
    }
    // Past twice the limit: the hard 429 before any work, wherever it is posted.
    for (const path of ["/tokens/inspect", "/", "/sign-in"]) {
      const refused = await replay(path);
      expect(refused.status(), path).toBe(429);
      expect(refused.headers()["retry-after"]).toMatch(/^\d+$/);
    }
  });
});
