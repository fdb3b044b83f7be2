import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { E2E } from "./env";
import { builderReady, Platform, signIn, uniqueName } from "./platform";

/**
 * A team and a user of the same name are two principals: each has a ledger of its own, signing one
 * out everywhere leaves the other signed in, and the team is told its tokens have no generation.
 */
test.use({ storageState: { cookies: [], origins: [] } });

async function sameNamePair() {
  const platform = await Platform.open();
  const name = uniqueName("ops");
  await platform.createUser(name, `User ${name}`);
  await platform.createTeam(name, `Team ${name}`);
  const userKey = await platform.createAccessKey(name);
  const teamKey = await platform.createTeamAccessKey(name);
  await platform.dispose();
  return { name, userKey, teamKey };
}

/** Issues a read-only (Loft CLI) token for an hour through the builder, with a note. */
async function issueWithNote(page: Page, note: string) {
  await page.goto("/tokens/new?cli=1&ttl=3600");
  await builderReady(page);
  await page.getByLabel("Note").fill(note);
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByRole("region", { name: "Issued token" })).toBeVisible();
}

async function ledgerNotes(page: Page): Promise<string> {
  await page.goto("/tokens/issued");
  await expect(page.getByRole("heading", { name: "Issued tokens" })).toBeVisible();
  return (await page.locator("main").textContent()) ?? "";
}

async function stillSignedIn(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto("/tokens/new");
  await expect(page).toHaveURL(/\/tokens\/new$/);
  await page.close();
}

test("team ops and user ops: separate ledgers, separate sessions, and the team told it cannot revoke", async ({
  page,
  browser,
}) => {
  const { name, userKey, teamKey } = await sameNamePair();
  const teamContext = await browser.newContext({ baseURL: E2E.baseURL });
  const teamPage = await teamContext.newPage();

  await signIn(page, userKey);
  await expect(page.getByTestId("signed-in-user")).toHaveText(`User ${name}`);
  await signIn(teamPage, teamKey);
  await expect(teamPage.getByText(`Signed in as team Team ${name}`)).toBeVisible();

  await issueWithNote(page, `issued by the user ${name}`);
  await issueWithNote(teamPage, `issued by the team ${name}`);

  const userLedger = await ledgerNotes(page);
  expect(userLedger).toContain(`issued by the user ${name}`);
  expect(userLedger).not.toContain(`issued by the team ${name}`);
  const teamLedger = await ledgerNotes(teamPage);
  expect(teamLedger).toContain(`issued by the team ${name}`);
  expect(teamLedger).not.toContain(`issued by the user ${name}`);

  // The team cannot revoke by generation, and is told so; nothing offers to.
  await teamPage.goto("/tokens/issued/revoke");
  await expect(teamPage.getByTestId("cannot-revoke")).toContainText(
    `You are signed in as team ${name}. Teams have no token generation`,
  );
  await expect(teamPage.getByRole("button", { name: "Revoke all tokens" })).toHaveCount(0);

  // The user signs out everywhere: one session (theirs) ends; the team's stays.
  await page.goto("/tokens/new");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=1$/);
  await stillSignedIn(teamContext);
  await teamContext.close();
});
