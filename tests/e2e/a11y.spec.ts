import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { builderReady } from "./platform";

/** axe on the whole page: no serious or critical violations (WCAG 2.x A/AA rules). */
async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test.describe("signed out", () => {
      test.use({ storageState: { cookies: [], origins: [] } });

      test("sign-in", async ({ page }) => {
        await page.goto("/sign-in");
        await expect(page.getByLabel("Access key")).toBeVisible();
        await expectNoSeriousViolations(page);
      });
    });

    test("builder, with an open picker, rules and errors, then the issued-token viewer", async ({
      page,
    }) => {
      await page.goto("/tokens/new?p=*&s=default/*");
      await builderReady(page);
      await expectNoSeriousViolations(page);

      await page.locator("summary", { hasText: "Rules" }).click();
      await page.getByRole("button", { name: "Add rule" }).click();
      await page
        .getByRole("group", { name: "Rule 1" })
        .getByLabel("Non-resource URLs")
        .fill("/a/*/b");
      await page.getByRole("combobox", { name: "Projects" }).click();
      await expect(page.getByRole("listbox", { name: "Projects" })).toBeVisible();
      await expectNoSeriousViolations(page);

      await page.getByRole("combobox", { name: "Projects" }).press("Escape");
      await page.getByRole("button", { name: "Remove rule 1" }).click();
      await page.getByRole("button", { name: "Issue token" }).click();
      await expect(page.getByTestId("signature-verdict")).toContainText("Signature verified");
      await expectNoSeriousViolations(page);
    });

    test("the admin area: policy with a field error, audit, notices", async ({ page }) => {
      await page.goto("/admin/policy");
      await page.getByLabel("Maximum token lifetime").fill("soon");
      await page.getByRole("button", { name: "Save policy" }).click();
      await expect(page.getByText("Use a duration such as 1d")).toBeVisible();
      await expectNoSeriousViolations(page);
      await page.goto("/admin/audit");
      await expect(page.getByRole("heading", { name: "Audit", exact: true })).toBeVisible();
      await expectNoSeriousViolations(page);
      await page.goto("/admin/notices");
      await expect(page.getByRole("heading", { name: "Notices", exact: true })).toBeVisible();
      await expectNoSeriousViolations(page);
    });

    test("issued tokens, with a wildcard comparison open", async ({ page }) => {
      await page.goto("/tokens/new?v=default/*&ttl=3600");
      await builderReady(page);
      await page.getByRole("textbox", { name: "Note", exact: true }).fill(`axe ${colorScheme}`);
      await page.getByRole("button", { name: "Issue token" }).click();
      await expect(page.getByTestId("signature-verdict")).toContainText("Signature verified");
      await page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Issued tokens" })
        .click();
      const newest = page.getByRole("main").getByRole("article").first();
      await expect(newest.getByRole("heading")).toHaveText(`axe ${colorScheme}`);
      await expectNoSeriousViolations(page);

      await newest.getByRole("button", { name: "Compare with now" }).click();
      await expect(newest.getByTestId("reach-comparison").locator("details").first()).toBeVisible();
      await expectNoSeriousViolations(page);
    });
  });
}

// One failed attempt per run is enough (sign-in attempts are rate limited per address): light only.
test.describe("light mode, signed out", () => {
  test.use({ colorScheme: "light", storageState: { cookies: [], origins: [] } });

  test("sign-in with its error shown", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Access key").fill("not-a-valid-key-for-axe-000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#accessKey-error")).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});
