import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { Platform } from "./platform";
import { signInThroughForm } from "./second-server";

/**
 * Signing in with an access key that is itself scoped: the builder shows the key's limits and marks
 * what lies beyond them before issuing; the platform refuses an escalation and the form keeps every
 * choice; a narrower token is issued.
 */
test.use({ storageState: { cookies: [], origins: [] } });

async function scopedKey(scope: unknown, ttl?: number): Promise<string> {
  const platform = await Platform.open();
  const key = await platform.createAccessKey("admin", { scope, ...(ttl ? { ttl } : {}) });
  await platform.dispose();
  return key;
}

async function chooseProject(page: Page, name: string) {
  const projects = page.getByRole("combobox", { name: "Projects" });
  await projects.click();
  await projects.fill(name);
  await page
    .getByRole("listbox", { name: "Projects" })
    .locator(`[role="option"][data-value="${name}"]`)
    .click();
  await projects.press("Escape");
}

test("a key scoped to one project: its limits are shown, a wider token is marked and refused, a narrower one issued", async ({
  page,
}) => {
  const key = await scopedKey(
    { roles: [{ role: "loft-cli" }], projects: [{ project: "default" }] },
    2 * 3600,
  );
  await signInThroughForm(page, E2E.baseURL, key);

  const limits = page.getByRole("region", { name: "Your access key is limited to …" });
  await expect(limits).toContainText("Project default");
  await expect(limits).toContainText("expires");

  await page.getByLabel("Only what I choose below").check();
  await chooseProject(page, "payments");
  const beyond = page.getByTestId("beyond-key");
  await expect(beyond).toContainText("Project payments is beyond this access key's scope");
  // The default time to live (1 day) outlives the 2-hour key.
  await expect(beyond).toContainText("longer than your access key has left");

  await page.getByRole("button", { name: "Issue token" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Not allowed" });
  await expect(alert).toContainText("within its own scope and lifetime");
  await expect(page.getByRole("list", { name: "Chosen projects" })).toContainText("payments");
  await expect(page.getByRole("region", { name: "Issued token" })).toHaveCount(0);

  // Narrower: the key's own project, for an hour.
  await page.getByRole("button", { name: /Remove payments/ }).click();
  await chooseProject(page, "default");
  await page.getByLabel("Time to live").selectOption({ label: "1 hour" });
  await expect(beyond).toHaveCount(0);
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByRole("region", { name: "Issued token" })).toBeVisible();
});

test("a scoped key without the loft-cli role cannot sign in, and is told why", async ({ page }) => {
  const key = await scopedKey({ projects: [{ project: "default" }] });
  await page.goto("/sign-in");
  await page.getByLabel("Access key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#accessKey-error")).toContainText("loft-cli role");
  await expect(page).toHaveURL(/\/sign-in/);
});
