import { expect, request, test, type Page } from "@playwright/test";
import { E2E } from "./env";
import { builderReady, Platform, signIn, uniqueName } from "./platform";

/**
 * "Revoke all tokens I issued": the signed-in user raises their own User.spec.tokenGeneration; the
 * platform then refuses every token of theirs issued before, and the console marks its ledger.
 * Each test uses a user of its own, so revoking never touches the admin the other specs use.
 */
test.use({ storageState: { cookies: [], origins: [] } });

async function freshUser(prefix: string, scopedKey?: unknown) {
  const platform = await Platform.open();
  const name = uniqueName(prefix);
  await platform.createUser(name, `Revoker ${name}`);
  const key = await platform.createAccessKey(name);
  const scoped = scopedKey ? await platform.createAccessKey(name, { scope: scopedKey }) : "";
  await platform.dispose();
  return { name, key, scoped };
}

/** Issues a read-only (Loft CLI) token for an hour through the builder; returns the token. */
async function issueInUi(page: Page, note: string): Promise<string> {
  await page.goto("/tokens/new?cli=1&ttl=3600");
  await builderReady(page);
  await page.getByLabel("Note").fill(note);
  await page.getByRole("button", { name: "Issue token" }).click();
  const viewer = page.getByRole("region", { name: "Issued token" });
  await expect(viewer).toBeVisible();
  await viewer.getByRole("button", { name: "Reveal" }).click();
  const text = (await page.getByTestId("token-parts").textContent()) ?? "";
  const token = text.replace(/(Header|Payload|Signature): /g, "");
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  return token;
}

/**
 * What the local platform's direct endpoint answers the token: 403 while it is accepted (its
 * read-only scope refuses the cluster), 401 once it is not accepted at all.
 */
async function directStatus(token: string): Promise<number> {
  const api = await request.newContext({ ignoreHTTPSErrors: true });
  const response = await api.get(`https://127.0.0.1:${E2E.tlsPort}/kubernetes/cluster/version`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const status = response.status();
  await api.dispose();
  return status;
}

const stopList = (page: Page) => page.getByRole("list", { name: /that stop working/ });
const revokeButton = (page: Page) => page.getByRole("button", { name: "Revoke all tokens" });

async function inspect(page: Page, token: string) {
  await page.goto("/tokens/inspect");
  await page.getByLabel("Token", { exact: true }).fill(token);
  await expect(page.getByRole("region", { name: "Decoded claims" })).toBeVisible();
}

test("revoking ends every token of the user, marks the console's entries; a token issued afterwards works", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const user = await freshUser("revoke");
  await signIn(page, user.key);
  const first = await issueInUi(page, `first ${user.name}`);
  const second = await issueInUi(page, `second ${user.name}`);
  expect(await directStatus(first)).toBe(403);
  expect(await directStatus(second)).toBe(403);

  // From Issued tokens, where the way in is.
  await page.goto("/tokens/issued");
  await page.getByRole("link", { name: "Revoke all tokens I issued" }).click();
  await expect(page).toHaveURL(/\/tokens\/issued\/revoke$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revoke all tokens I issued");
  await expect(page.getByRole("main")).toContainText(
    `users/${user.name} spec.tokenGeneration, now 0) to 1`,
  );
  await expect(page.getByRole("main")).toContainText(
    "also every one issued outside this console, with kubectl, curl or any other client",
  );
  await expect(page.getByRole("main")).toContainText("Access keys are not affected");
  const items = stopList(page).getByRole("listitem");
  await expect(items).toHaveCount(2);
  const firstItem = items.filter({ hasText: `first ${user.name}` });
  await expect(firstItem).toContainText("Loft CLI: read-only");
  await expect(firstItem).toContainText(/Issued .+; expires .+/);
  await expect(items.filter({ hasText: `second ${user.name}` })).toHaveCount(1);

  await revokeButton(page).click();
  const done = page.getByRole("status").filter({ hasText: "Revoked:" });
  await expect(done).toContainText("your token generation is now 1 (it was 0)");
  await expect(done).toContainText("2 tokens in this console's ledger were marked revoked.");
  // The page re-reads the ledger: nothing of the user's is active any more.
  await expect(stopList(page)).toHaveCount(0);
  await expect(page.getByRole("main")).toContainText(
    "None of the tokens this console issued for you is still active.",
  );
  await expect(page.getByRole("main")).toContainText("spec.tokenGeneration, now 1) to 2");

  // Issued tokens lists both as revoked.
  await page.goto("/tokens/issued?filter=revoked");
  const revoked = page.getByRole("list", { name: "Revoked tokens" }).getByRole("article");
  await expect(revoked).toHaveCount(2);
  await expect(revoked.filter({ hasText: `first ${user.name}` })).toContainText("Revoked");
  await expect(revoked.filter({ hasText: `second ${user.name}` })).toContainText("Revoked");
  await expect(page.getByRole("link", { name: "Active (0)" })).toBeVisible();

  // The platform refuses both outright now.
  expect(await directStatus(first)).toBe(401);
  expect(await directStatus(second)).toBe(401);

  await inspect(page, first);
  await expect(page.getByTestId("revocation-status")).toContainText(
    "Revoked: the user's token generation is now 1; this token carries 0.",
  );
  // Revocation is not expiry: the token's own lifetime still reads valid.
  await expect(page.getByTestId("time-validity")).toContainText("Valid");
  const issued = page.getByTestId("issued-by-you");
  await expect(issued).toContainText(/^Issued by you on .+ for “first /);
  await expect(issued).toContainText("Marked revoked in this console on");
  await expect(issued.getByRole("link", { name: "Issued tokens" })).toHaveAttribute(
    "href",
    "/tokens/issued",
  );

  const third = await issueInUi(page, `third ${user.name}`);
  expect(await directStatus(third)).toBe(403);
  await inspect(page, third);
  await expect(page.getByTestId("revocation-status")).toHaveText(
    "Not revoked: the user's token generation is 1; this token carries 1.",
  );
  await expect(page.getByTestId("issued-by-you")).toContainText(`for “third ${user.name}”.`);
  await expect(page.getByTestId("issued-by-you")).not.toContainText("Marked revoked");
});

test("a token nobody issued through the console, of another user, is neither recognised nor judged", async ({
  page,
}) => {
  const user = await freshUser("stranger");
  await signIn(page, user.key);
  const other = await freshUser("other");
  const api = await request.newContext({ ignoreHTTPSErrors: true });
  const response = await api.post(
    `https://127.0.0.1:${E2E.tlsPort}/kubernetes/management/apis/management.loft.sh/v1/directclusterendpointtokens`,
    {
      headers: { Authorization: `Bearer ${other.key}` },
      data: {
        apiVersion: "management.loft.sh/v1",
        kind: "DirectClusterEndpointToken",
        metadata: {},
        spec: { ttl: 600 },
      },
    },
  );
  expect(response.status()).toBe(201);
  const token = ((await response.json()) as { status: { token: string } }).status.token;
  await api.dispose();

  await inspect(page, token);
  const region = page.getByRole("region", { name: "Issued by you and revocation" });
  await expect(region).toContainText("Not issued by you through this console");
  await expect(page.getByTestId("revocation-status")).toHaveCount(0);
});

test("a key the platform does not let change the user: the refusal in plain words, nothing marked", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const user = await freshUser("refused", { roles: [{ role: "loft-cli" }] });
  await signIn(page, user.key);
  const token = await issueInUi(page, `kept ${user.name}`);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // The same user, now with a read-only key: it may read users/<name>, not change it.
  await signIn(page, user.scoped);
  await page.goto("/tokens/issued/revoke");
  await expect(stopList(page).getByRole("listitem")).toHaveCount(1);
  await revokeButton(page).click();
  const alert = page.getByRole("alert").filter({ hasText: "did not let you" });
  await expect(alert).toContainText(
    `The platform did not let you change users/${user.name} spec.tokenGeneration; ask a platform admin to raise it for you. Nothing was revoked and no token was marked.`,
  );
  await expect(alert).toContainText("The platform said:");
  await expect(alert).toContainText('does not allow patch on resource "users"');

  await page.reload();
  await expect(stopList(page).getByRole("listitem")).toHaveCount(1);
  await expect(stopList(page)).toContainText(`kept ${user.name}`);
  await page.goto("/tokens/issued?filter=revoked");
  await expect(page.getByText("None of your tokens has been revoked.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Active (1)" })).toBeVisible();
  expect(await directStatus(token)).toBe(403);
});

test("a key that cannot read its own user: the page explains revoking cannot be done from here", async ({
  page,
}) => {
  const selvesOnly = {
    rules: [
      {
        verbs: ["get"],
        resources: [{ group: "management.loft.sh", resources: ["selves"] }],
        requestTargets: ["Management"],
      },
    ],
  };
  const user = await freshUser("unreadable", selvesOnly);
  await signIn(page, user.scoped);
  await page.goto("/tokens/issued/revoke");
  const alert = page.getByTestId("cannot-revoke");
  await expect(alert).toContainText(
    `This cannot be done from here: your user object users/${user.name} could not be read with your access key`,
  );
  await expect(alert).toContainText("A platform admin can raise spec.tokenGeneration");
  await expect(revokeButton(page)).toHaveCount(0);
});
