import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { KeyPlatform, recordResponses, signInTo, type MadeKey } from "./access-keys";
import { E2E } from "./env";

/**
 * The Access keys page against the local platform: a user's own keys read with their own key, the
 * sign-in keys behind a filter kept in the URL, Disable / Enable and Delete acting on the platform,
 * the key you signed in with marked and its loss signing you out, and no key's secret ever in what
 * the browser receives.
 */
test.use({ storageState: { cookies: [], origins: [] } });

const SCOPE = { roles: [{ role: "loft-cli" }], projects: [{ project: "default" }] };

/** A fresh user with a scoped key (with a description), a key with a ttl, and a Login key. */
async function userWithKeys() {
  const platform = await KeyPlatform.open();
  const user = await platform.createUser();
  const scoped = await platform.createKey(user, {
    displayName: `CI deploy ${user}`,
    description: "Deploys the default project from CI",
    type: "User",
    scope: SCOPE,
  });
  // Unscoped, so it can sign in; it expires in two hours.
  const timed = await platform.createKey(user, {
    displayName: `Nightly script ${user}`,
    type: "User",
    ttl: 7200,
  });
  const login = await platform.createKey(user, {
    displayName: `Browser login ${user}`,
    type: "Login",
  });
  return { platform, user, scoped, timed, login };
}

const keyItem = (page: Page, key: MadeKey) =>
  page
    .getByRole("list", { name: "Your access keys" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: key.displayName, exact: true }) });

const keyHeadings = (page: Page) =>
  page.getByRole("list", { name: "Your access keys" }).getByRole("heading", { level: 2 });

async function openFromNavigation(page: Page) {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Access keys" })
    .click();
  await expect(page).toHaveURL(/\/access-keys$/);
  await expect(page.getByRole("heading", { level: 1, name: "Access keys" })).toBeVisible();
}

test("your own keys: sign-in keys behind a filter kept in the URL, scope in words, expiry, the signed-in key marked", async ({
  page,
}) => {
  const { platform, scoped, timed, login } = await userWithKeys();
  const responses = recordResponses(page);
  await signInTo(page, timed.secret, "/tokens/inspect");
  await openFromNavigation(page);

  await expect(keyHeadings(page)).toHaveCount(2);
  await expect(keyItem(page, login)).toHaveCount(0);
  const scopedItem = keyItem(page, scoped);
  await expect(scopedItem).toContainText("Deploys the default project from CI");
  await expect(scopedItem.getByTestId("key-scope")).toContainText("Project default");
  await expect(scopedItem.getByTestId("key-scope")).toContainText("Role loft-cli");
  await expect(scopedItem).toContainText(/Expires\s*never/);
  await expect(scopedItem).not.toContainText("You are signed in with this key");
  const reissue = scopedItem.getByRole("link", { name: "Issue again with this scope" });
  await expect(reissue).toHaveAttribute(
    "href",
    /^\/tokens\/new\?.*p=default.*&credential=accesskey$/,
  );

  const timedItem = keyItem(page, timed);
  await expect(timedItem).toContainText("You are signed in with this key");
  await expect(timedItem.getByTestId("key-scope")).toContainText("Unrestricted");
  await expect(timedItem).toContainText(/expires in (1 h 5\d min|2 h)/);

  const filter = page.getByRole("checkbox", { name: "Show sign-in and reset keys (1)" });
  await filter.check();
  await expect(page).toHaveURL(/\/access-keys\?show=all$/);
  await expect(keyHeadings(page)).toHaveCount(3);
  await expect(keyItem(page, login)).toContainText("Login");
  await page.reload();
  await expect(
    page.getByRole("checkbox", { name: "Show sign-in and reset keys (1)" }),
  ).toBeChecked();
  await expect(keyHeadings(page)).toHaveCount(3);
  await page.getByRole("checkbox", { name: "Show sign-in and reset keys (1)" }).uncheck();
  await expect(page).toHaveURL(/\/access-keys$/);
  await expect(keyHeadings(page)).toHaveCount(2);

  await responses.expectNoneContains([scoped.secret, timed.secret, login.secret]);
  await platform.dispose();
});

test("Disable and Enable change the key on the platform, and the row says so", async ({ page }) => {
  const { platform, scoped, timed, login } = await userWithKeys();
  const responses = recordResponses(page);
  await signInTo(page, timed.secret);
  const item = keyItem(page, scoped);
  await expect(item.getByTestId("key-state")).toHaveText("Enabled");

  await item.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "is disabled" })).toBeVisible();
  await expect(item.getByTestId("key-state")).toHaveText("Disabled");
  expect((await platform.readKey(scoped.name))?.spec.disabled).toBe(true);
  expect(await platform.selvesStatus(scoped.secret)).toBe(401);

  await item.getByRole("button", { name: "Enable", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "enabled again" })).toBeVisible();
  await expect(item.getByTestId("key-state")).toHaveText("Enabled");
  expect((await platform.readKey(scoped.name))?.spec.disabled ?? false).toBe(false);
  expect(await platform.selvesStatus(scoped.secret)).not.toBe(401);

  await responses.expectNoneContains([scoped.secret, timed.secret, login.secret]);
  await platform.dispose();
});

test("Delete asks first, naming what stops working, then the key is gone here and on the platform", async ({
  page,
}) => {
  const { platform, scoped, timed, login } = await userWithKeys();
  const responses = recordResponses(page);
  await signInTo(page, timed.secret);

  await keyItem(page, scoped).getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Delete access key “${scoped.displayName}”?` });
  await expect(dialog).toContainText("the key itself");
  await expect(dialog).toContainText("every kubeconfig, script and CI job that uses it");
  await expect(dialog).toContainText("keep working until they expire");
  await expect(dialog).not.toContainText("signs you out");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await platform.readKey(scoped.name)).not.toBeNull();

  await keyItem(page, scoped).getByRole("button", { name: "Delete", exact: true }).click();
  await dialog.getByRole("button", { name: "Delete access key" }).click();
  await expect(page.getByRole("status").filter({ hasText: "was deleted" })).toBeVisible();
  await expect(keyItem(page, scoped)).toHaveCount(0);
  await expect(keyHeadings(page)).toHaveCount(1);
  expect(await platform.readKey(scoped.name)).toBeNull();
  // Still signed in with the other key.
  await expect(page).toHaveURL(/\/access-keys$/);

  await responses.expectNoneContains([scoped.secret, timed.secret, login.secret]);
  await platform.dispose();
});

async function cookieStillSignedOut(
  browser: Browser,
  cookies: Parameters<BrowserContext["addCookies"]>[0],
) {
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto("/access-keys");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
}

test("the key you signed in with: Disable and Delete say first that they sign you out; Delete does", async ({
  page,
  browser,
}) => {
  const { platform, scoped, timed, login } = await userWithKeys();
  const responses = recordResponses(page);
  await signInTo(page, timed.secret);
  const item = keyItem(page, timed);
  await expect(item).toContainText("You are signed in with this key");

  await item.getByRole("button", { name: "Disable", exact: true }).click();
  const disableDialog = page.getByRole("dialog");
  await expect(disableDialog).toContainText("signs you out");
  await disableDialog.getByRole("button", { name: "Cancel" }).click();
  expect((await platform.readKey(timed.name))?.spec.disabled ?? false).toBe(false);

  const cookies = await page.context().cookies();
  await item.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Delete access key “${timed.displayName}”?` });
  await expect(dialog).toContainText(
    "This is the key you are signed in with: deleting it signs you out",
  );
  await dialog.getByRole("button", { name: "Delete and sign out" }).click();

  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByLabel("Access key")).toBeVisible();
  expect(await platform.readKey(timed.name)).toBeNull();
  await cookieStillSignedOut(browser, cookies);

  await responses.expectNoneContains([scoped.secret, timed.secret, login.secret]);
  await platform.dispose();
});

test("disabling the key you signed in with signs you out and leaves the key disabled", async ({
  page,
}) => {
  const { platform, timed } = await userWithKeys();
  await signInTo(page, timed.secret);
  await keyItem(page, timed).getByRole("button", { name: "Disable", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable and sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await platform.readKey(timed.name))?.spec.disabled).toBe(true);
  await platform.dispose();
});

test("an admin sees only their own keys, not their users'", async ({ browser }) => {
  const { platform, scoped, timed } = await userWithKeys();
  const context = await browser.newContext({
    baseURL: E2E.baseURL,
    storageState: E2E.storageState,
  });
  const page = await context.newPage();
  await page.goto("/access-keys?show=all");
  await expect(page.getByRole("heading", { level: 1, name: "Access keys" })).toBeVisible();
  await expect(page.getByText("You are signed in with this key")).toBeVisible();
  await expect(page.getByRole("heading", { name: scoped.displayName })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: timed.displayName })).toHaveCount(0);
  await context.close();
  await platform.dispose();
});

test("a key whose scope does not let it list keys: the page names the refused request, the console keeps working", async ({
  page,
}) => {
  const platform = await KeyPlatform.open();
  const user = await platform.createUser();
  // Enough to sign in (POST selves), nothing more.
  const key = await platform.createKey(user, {
    displayName: "Sign-in only",
    scope: {
      rules: [
        {
          // The local platform authorizes POST selves as get; a real one may call it create.
          verbs: ["get", "create"],
          resources: [{ group: "management.loft.sh", resources: ["selves"] }],
          requestTargets: ["Management"],
        },
      ],
    },
  });
  await signInTo(page, key.secret);
  const refused = page.getByTestId("keys-refused");
  await expect(refused).toContainText(
    "GET /kubernetes/management/apis/management.loft.sh/v1/ownedaccesskeys",
  );
  await expect(refused).toContainText("HTTP 403");
  await expect(refused).toContainText(`access key "${key.name}"`);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Inspect token" })
    .click();
  await expect(page).toHaveURL(/\/tokens\/inspect$/);
  await platform.dispose();
});

test("signed in with a Login key: that key is listed though sign-in keys are hidden, and other Login keys are not", async ({
  page,
}) => {
  const platform = await KeyPlatform.open();
  const user = await platform.createUser();
  const login = await platform.createKey(user, { displayName: `Sign-in ${user}`, type: "Login" });
  const other = await platform.createKey(user, {
    displayName: `Old sign-in ${user}`,
    type: "Login",
  });
  await signInTo(page, login.secret);
  await expect(keyHeadings(page)).toHaveCount(1);
  await expect(keyItem(page, login)).toContainText("You are signed in with this key");
  await expect(keyItem(page, other)).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Show sign-in and reset keys (1)" }).check();
  await expect(keyHeadings(page)).toHaveCount(2);
  await platform.dispose();
});

test("by keyboard alone, without serious axe violations in light or dark mode", async ({
  page,
}) => {
  const { platform, scoped, timed } = await userWithKeys();
  await signInTo(page, timed.secret);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(
      violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
    ).toEqual([]);
  }

  const remove = keyItem(page, scoped).getByRole("button", { name: "Delete", exact: true });
  await remove.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  // Focus starts on Cancel; Escape closes without deleting.
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(
    violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
  ).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await platform.readKey(scoped.name)).not.toBeNull();

  // Shift+Tab from Cancel reaches the confirming button; Enter deletes.
  await remove.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByRole("button", { name: "Delete access key" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "was deleted" })).toBeVisible();
  expect(await platform.readKey(scoped.name)).toBeNull();
  await platform.dispose();
});
