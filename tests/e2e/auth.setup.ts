import fs from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { E2E } from "./env";

/** Signs in once as the admin through the form; every other spec reuses the saved session. */
setup("sign in as admin", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Access key").fill(E2E.adminKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/tokens\/new/);
  await expect(page.getByTestId("signed-in-user")).toHaveText("Administrator");
  fs.mkdirSync(path.dirname(E2E.storageState), { recursive: true });
  await page.context().storageState({ path: E2E.storageState });
});
