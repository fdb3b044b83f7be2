import crypto from "node:crypto";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Cookie } from "@playwright/test";
import { openStore } from "@/lib/store/store-db";
import { E2E } from "./env";
import { Platform, signIn, uniqueName } from "./platform";

/**
 * Sessions live in the console's store; the cookie only names one. Signing out ends the session
 * itself, so a copy of the cookie is worth nothing afterwards. Each test signs in a user of its own:
 * "Sign out everywhere" must not end the admin session the other specs reuse.
 */
test.use({ storageState: { cookies: [], origins: [] } });

async function freshUser(prefix: string) {
  const platform = await Platform.open();
  const name = uniqueName(prefix);
  await platform.createUser(name, `Sessions ${name}`);
  const key = await platform.createAccessKey(name);
  await platform.dispose();
  return { name, key };
}

const sessionCookie = async (context: BrowserContext): Promise<Cookie> => {
  const cookie = (await context.cookies()).find((c) => c.name === "dce_session");
  expect(cookie).toBeDefined();
  return cookie!;
};

/** A new browser context carrying only `cookie` (the "replayed cookie"). */
async function contextWith(browser: Browser, cookie: Cookie): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  await context.addCookies([cookie]);
  return context;
}

/** Whether a context's cookie still signs anyone in: the builder loads, or sign-in is asked for. */
async function expectSignedIn(context: BrowserContext, name: string) {
  const page = await context.newPage();
  await page.goto("/tokens/new");
  await expect(page).toHaveURL(/\/tokens\/new$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(`Sessions ${name}`);
  await page.close();
}

async function expectSignedOut(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto("/tokens/new");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ftokens%2Fnew$/);
  expect((await page.request.get("/api/projects")).status()).toBe(401);
  await page.close();
}

test("the cookie is an opaque random id: no JWE, short, never the access key", async ({
  page,
  context,
}) => {
  const user = await freshUser("cookie");
  await signIn(page, user.key);
  const { value } = await sessionCookie(context);
  expect(value).not.toContain(".");
  expect(value.length).toBeLessThanOrEqual(64);
  // 256 random bits, base64url: nothing sealed, nothing to decode.
  expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(value).not.toContain(user.key);
  expect(value).not.toContain(Buffer.from(user.key).toString("base64url").slice(0, 16));
  expect(value).not.toContain(Buffer.from(user.key).toString("base64").slice(0, 16));
});

test("signing out ends the session for good: the saved cookie, replayed, signs nobody in", async ({
  page,
  context,
  browser,
}) => {
  const user = await freshUser("replay");
  await signIn(page, user.key);
  const saved = await sessionCookie(context);

  // Before: the copied cookie is the session (so the check below is not vacuous).
  const before = await contextWith(browser, saved);
  await expectSignedIn(before, user.name);
  await before.close();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  const replayed = await contextWith(browser, saved);
  await expectSignedOut(replayed);
  await replayed.close();
});

test("signing in again in the same browser ends the session it had: the earlier cookie, replayed, signs nobody in", async ({
  page,
  context,
  browser,
}) => {
  // Two sign-ins through the form and a replay in a new context: more than 30 s on a busy machine.
  test.setTimeout(60_000);
  const first = await freshUser("again-a");
  const second = await freshUser("again-b");
  // Two sign-in tabs of one browser: the first signs in, then the second (opened before) does.
  const later = await context.newPage();
  await later.goto("/sign-in");
  await signIn(page, first.key);
  const earlier = await sessionCookie(context);
  const before = await contextWith(browser, earlier);
  await expectSignedIn(before, first.name);
  await before.close();

  await later.getByLabel("Access key").fill(second.key);
  await later.getByRole("button", { name: "Sign in" }).click();
  await expect(later).toHaveURL(/\/tokens\/new/);
  const now = await sessionCookie(context);
  expect(now.value).not.toBe(earlier.value);

  const replayed = await contextWith(browser, earlier);
  await expectSignedOut(replayed);
  await replayed.close();
  const current = await contextWith(browser, now);
  await expectSignedIn(current, second.name);
  await current.close();
});

test("Sign out everywhere in one browser ends the session in another; sign-in says how many ended", async ({
  page,
  browser,
}) => {
  const user = await freshUser("everywhere");
  const other = await browser.newContext({ baseURL: E2E.baseURL });
  const otherPage = await other.newPage();
  await signIn(otherPage, user.key);
  await signIn(page, user.key);

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=2$/);
  await expect(page.getByRole("status")).toHaveText("Signed out of 2 sessions.");

  await expectSignedOut(other);
  await other.close();
});

test("the sign-in page shows only a small whole number of ended sessions", async ({ page }) => {
  await page.goto("/sign-in?ended=1");
  await expect(page.getByRole("status")).toHaveText("Signed out of 1 session.");
  for (const bad of ["-1", "1e3", "abc", "99999", "<b>2</b>"]) {
    await page.goto(`/sign-in?ended=${encodeURIComponent(bad)}`);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByText(/Signed out of/)).toHaveCount(0);
  }
});

test("an idle session ends on the server: 31 minutes without a request, the cookie signs nobody in", async ({
  page,
  context,
}) => {
  const user = await freshUser("idle");
  await signIn(page, user.key);
  const { value } = await sessionCookie(context);

  // Age the session in the console's store as 31 idle minutes would (no waiting in the test).
  const id = crypto.createHash("sha256").update(value).digest("base64url");
  const store = await openStore({
    databaseUrl: process.env.DATABASE_URL,
    sqliteFile: path.join(E2E.dataDir, "console.db"),
  });
  try {
    const aged = await store.db
      .updateTable("sessions")
      .set((eb) => ({
        last_seen_at: eb("last_seen_at", "-", 31 * 60_000),
        created_at: eb("created_at", "-", 31 * 60_000),
      }))
      .where("id", "=", id)
      .executeTakeFirst();
    expect(Number(aged.numUpdatedRows)).toBe(1);
  } finally {
    await store.close();
  }

  await expectSignedOut(context);
});
