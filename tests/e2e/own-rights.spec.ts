import { expect, test, type Page } from "@playwright/test";
import { builderReady, Platform, signIn, uniqueName } from "./platform";

/**
 * "With your own rights:" in the inspector's access checker: for a token the signed-in user issued,
 * the scope's answer ∩ their own rights, asked of the target's direct endpoint by the console with
 * only the question; for anyone else, a hint to sign in as its owner. A user of its own (member of
 * a project of their own, no cluster rights) with an unrestricted token, so only their rights decide.
 */
test.use({ storageState: { cookies: [], origins: [] } });

const ownRights = (page: Page) => page.getByRole("status", { name: "Access with your own rights" });
const result = (page: Page) => page.getByRole("status", { name: "Access check result" });

async function check(page: Page, kind: string, fields: Record<string, string>) {
  await page.getByRole("radio", { name: kind }).check();
  for (const [label, value] of Object.entries(fields))
    await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Check access" }).click();
}

async function issueUnrestricted(page: Page): Promise<string> {
  await page.goto("/tokens/new?unrestricted=1&ttl=3600");
  await builderReady(page);
  await page.getByRole("button", { name: "Issue token" }).click();
  const viewer = page.getByRole("region", { name: "Issued token" });
  await expect(viewer).toBeVisible();
  await viewer.getByRole("button", { name: "Reveal" }).click();
  const text = (await page.getByTestId("token-parts").textContent()) ?? "";
  return text.replace(/(Header|Payload|Signature): /g, "");
}

test("your own token: allowed, refused by your rights, depends; other people see a hint", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const platform = await Platform.open();
  const user = uniqueName("own");
  const project = uniqueName("own-p");
  await platform.createUser(user, `Owner ${user}`);
  await platform.createProject(project, { members: [user] });
  await platform.createSpace(project, "work");
  const key = await platform.createAccessKey(user);
  await platform.dispose();

  await signIn(page, key);
  const token = await issueUnrestricted(page);
  const signature = token.split(".")[2]!;
  const sent: string[] = [];
  page.on("request", (req) => {
    if (req.url().includes(signature) || (req.postData() ?? "").includes(signature))
      sent.push(req.url());
  });

  await page.goto("/tokens/inspect");
  await page.getByLabel("Token", { exact: true }).fill(token);
  await expect(page.getByTestId("issued-by-you")).toBeVisible();

  await check(page, "A project space", {
    Project: project,
    Space: "work",
    Verb: "get",
    Resource: "pods",
  });
  await expect(result(page)).toContainText("Allowed");
  await expect(ownRights(page)).toContainText("With your own rights: Allowed");

  await check(page, "A cluster", { Cluster: "loft-cluster", Verb: "list", Resource: "nodes" });
  await expect(ownRights(page)).toContainText(
    "With your own rights: Refused by your own rights on the platform:",
  );
  await expect(ownRights(page)).toContainText(user);

  await check(page, "A project space", { Project: project, Space: "work", Verb: "", Resource: "" });
  await expect(ownRights(page)).toContainText("Depends on the platform: the request names no verb");
  expect(sent).toEqual([]);

  // Signed out, the same token gets a hint instead.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  await other.goto("/tokens/inspect");
  await other.getByLabel("Token", { exact: true }).fill(token);
  await check(other, "A project space", { Project: project, Space: "work", Verb: "get" });
  await expect(ownRights(other)).toHaveText(
    "Sign in as the token's owner to include their own rights.",
  );
  await context.close();
});
