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

/** Signs in as a new user, member of a new project with `spaces`; returns their names. */
async function signInAsMember(page: Page, prefix: string, spaces: string[]) {
  const platform = await Platform.open();
  const user = uniqueName(prefix);
  const project = uniqueName(`${prefix}-p`);
  await platform.createUser(user, `Member ${user}`);
  await platform.createProject(project, { members: [user] });
  for (const space of spaces) await platform.createSpace(project, space);
  const key = await platform.createAccessKey(user);
  await platform.dispose();
  await signIn(page, key);
  return { user, project };
}

test("your own token: allowed, refused by your rights, depends; other people see a hint", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const { user, project } = await signInAsMember(page, "own", ["work"]);
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

test("a credential chosen from Issued tokens: its refusal explained from the ledger, every check for a target", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { project } = await signInAsMember(page, "led", ["work", "spare"]);

  // Issued through the console, so the ledger records it; the token itself is not needed again.
  await page.goto(`/tokens/new?s=${project}/work&ttl=3600`);
  await builderReady(page);
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByRole("region", { name: "Issued token" })).toBeVisible();

  await page.goto("/tokens/issued");
  await page.getByRole("link", { name: "Explain access" }).first().click();
  await expect(page).toHaveURL(/\/tokens\/inspect\?entry=/);
  await expect(page.getByLabel("Or a credential you issued")).not.toHaveValue("");
  await expect(page.getByText(/^Explaining the token/)).toContainText(
    "its signature, nbf and audience",
  );

  // What kubectl -v=6 printed for a space the scope leaves out.
  await page
    .getByLabel("What the client printed")
    .fill(
      `GET https://127.0.0.1:8443/kubernetes/project/${project}/space/spare/api/v1/namespaces/default/pods 403 Forbidden in 5 milliseconds`,
    );
  const explanation = page.getByRole("region", { name: "Explanation" });
  await expect(explanation).toContainText("Refused at Scope covers the request");
  const fix = explanation.getByRole("link", {
    name: `Issue again with spaces += ${project}/spare`,
  });
  await expect(fix).toHaveAttribute("href", /ttl=3600/);

  // Within the scope: every check the ledger records passes; the signature is not recorded.
  await page.getByLabel("What the client printed").fill("");
  await check(page, "A project space", {
    Project: project,
    Space: "work",
    Verb: "get",
    Resource: "pods",
  });
  await expect(ownRights(page)).toContainText("With your own rights: Allowed");
  const every = page.getByRole("region", { name: "Every check for this target" });
  await expect(every).toContainText("Depends on the platform at Signature");
  await every.getByText("Every check, in order").click();
  await expect(every).toContainText("The owner's own rights: passes");
  await expect(every).toContainText("Not expired: passes");
  await expect(every).toContainText("Audience is Kubernetes: unknown");

  // A target outside the scope is refused at the scope, before anyone is asked.
  await check(page, "A project space", { Project: project, Space: "spare" });
  await expect(every).toContainText("Refused at Scope covers the request");

  // Choosing nothing goes back to pasting a token.
  await page.getByLabel("Or a credential you issued").selectOption("");
  await expect(page.getByText("Paste a token above")).toBeVisible();
});

test("a pasted token of your own: every check for a target, the platform's answer about your rights included", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { project } = await signInAsMember(page, "all", ["work"]);
  const token = await issueUnrestricted(page);
  await page.goto("/tokens/inspect");
  await page.getByLabel("Token", { exact: true }).fill(token);
  await expect(page.getByTestId("issued-by-you")).toBeVisible();
  const every = page.getByRole("region", { name: "Every check for this target" });
  await check(page, "A project space", {
    Project: project,
    Space: "work",
    Verb: "get",
    Resource: "pods",
  });
  // The local platform, like a real one, publishes no signing keys: only the signature is left open.
  await expect(every).toContainText("Depends on the platform at Signature");
  await every.getByText("Every check, in order").click();
  for (const passed of [
    "Owner still exists: passes",
    "Not revoked (token generation): passes",
    "The owner's own rights: passes — The platform says",
    "Target behind a direct endpoint: passes",
  ])
    await expect(every).toContainText(passed);
  await check(page, "A cluster", { Cluster: "loft-cluster", Verb: "list", Resource: "nodes" });
  await expect(every).toContainText("Refused at The owner's own rights");
});
