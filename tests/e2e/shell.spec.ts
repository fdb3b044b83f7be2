import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { builderReady } from "./platform";
import { signInThroughForm } from "./second-server";

/** The colour as [r, g, b] (0–255), whatever CSS syntax the browser computed it in (oklch, rgb…). */
async function rgbOf(page: Page, selector: string, property: "backgroundColor" | "color") {
  return page.evaluate(
    ([sel, prop]) => {
      const value = getComputedStyle(document.querySelector(sel)!)[prop];
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const ctx = canvas.getContext("2d")!;
      ctx.fillStyle = value;
      ctx.fillRect(0, 0, 1, 1);
      return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
    },
    [selector, property] as const,
  );
}

const luminance = ([r, g, b]: number[]) => (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;

test("the header names the product and the signed-in user, and the nav leads to both pages", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/tokens\/new$/);
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "DCE Token Console" })).toBeVisible();
  await expect(header).toContainText("Signed in as Administrator");

  const nav = page.getByRole("navigation", { name: "Main" });
  const issue = nav.getByRole("link", { name: "Issue token" });
  const inspect = nav.getByRole("link", { name: "Inspect token" });
  await expect(issue).toHaveAttribute("aria-current", "page");
  await expect(inspect).not.toHaveAttribute("aria-current", "page");

  await inspect.click();
  await expect(page).toHaveURL(/\/tokens\/inspect$/);
  await expect(inspect).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Token", { exact: true })).toBeVisible();

  await issue.click();
  await expect(page).toHaveURL(/\/tokens\/new$/);
  await expect(page.getByRole("button", { name: "Issue token" })).toBeVisible();
});

test("sign out ends the session: the builder then asks to sign in", async ({ browser }) => {
  // A session of its own: signing out ends it on the server, and the other specs share the admin's.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInThroughForm(page, E2E.baseURL, E2E.adminKey);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel("Access key")).toBeVisible();
  const session = (await context.cookies()).filter((c) => c.name.endsWith("dce_session"));
  expect(session.filter((c) => c.value !== "")).toEqual([]);

  await page.goto("/tokens/new");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ftokens%2Fnew$/);
  expect((await page.request.get("/api/projects")).status()).toBe(401);
  await context.close();
});

test("/healthz answers ok", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("ok");
});

test.describe("phone width in dark mode", () => {
  test.use({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });

  test("the builder fits 390 px without horizontal scrolling and renders dark", async ({
    page,
  }) => {
    await page.goto(`/tokens/new?p=*&s=default/*&ttl=3600`);
    await builderReady(page);
    await expect(page.getByRole("combobox", { name: "Projects" })).toBeVisible();
    await page.locator("summary", { hasText: "Rules" }).click();
    await page.getByRole("button", { name: "Add rule" }).click();
    await expect(page.getByRole("group", { name: "Rule 1" })).toBeVisible();
    await page.getByRole("combobox", { name: "Projects" }).click();
    await expect(page.getByRole("option", { name: /All projects/ })).toBeVisible();

    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      wide: Array.from(document.querySelectorAll("body *"))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > document.documentElement.clientWidth + 1;
        })
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 120)),
    }));
    expect(overflow).toEqual({ page: 0, wide: [] });

    expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(
      true,
    );
    expect(luminance(await rgbOf(page, "header", "backgroundColor"))).toBeLessThan(0.25);
    expect(luminance(await rgbOf(page, "h1", "color"))).toBeGreaterThan(0.6);
  });
});

test("the session cookie set at sign-in is httpOnly, SameSite=Lax, for the whole site, and unreadable by scripts", async ({
  browser,
}) => {
  // Signed in here, so this is the cookie the server sets, not one replayed from saved state.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInThroughForm(page, E2E.baseURL, E2E.adminKey);
  const cookie = (await context.cookies(E2E.baseURL)).find((c) => c.name === "dce_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("dce_session");
  await context.close();
});
