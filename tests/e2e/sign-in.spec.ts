import crypto from "node:crypto";
import { expect, test, type Response } from "@playwright/test";
import { E2E } from "./env";
import { chooseProject, signIn } from "./platform";
import { freePortIn, startSecondServer, type ConsoleServer } from "./second-server";

test.use({ storageState: { cookies: [], origins: [] } });

test("a good key signs in and returns to the page that asked for it", async ({ page }) => {
  await page.goto("/tokens/new?p=*&ttl=3600");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  const field = page.getByLabel("Access key");
  await expect(field).toHaveAttribute("type", "password");
  await expect(field).toBeFocused();
  await field.fill(E2E.adminKey);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/tokens\/new\?p=\*&ttl=3600$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText("Administrator");
  await expect(page.getByRole("list", { name: "Chosen projects" })).toContainText(
    "* (all projects)",
  );
  // Signed in, the sign-in page sends you on.
  await page.goto("/sign-in");
  await expect(page).toHaveURL(/\/tokens\/new$/);
});

test("a wrong key is a clear message at the field, which keeps the focus", async ({ page }) => {
  await page.goto("/sign-in");
  const field = page.getByLabel("Access key");
  await field.fill("not-the-right-key-0123456789");
  await field.press("Enter");

  const error = page.locator("#accessKey-error");
  await expect(error).toHaveText("The platform did not accept this access key.");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAttribute("aria-describedby", "accessKey-error");
  await expect(field).toBeFocused();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("dce_session");

  // Submitting with the button instead leaves the focus at the field too, for a quick retry.
  await field.fill("still-not-the-right-key-9876");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(error).toHaveText("The platform did not accept this access key.");
  await expect(field).toBeFocused();
});

test("signed out, every page but sign-in and inspect leads to sign-in", async ({ page }) => {
  for (const [from, next] of [
    ["/", "/tokens/new"],
    ["/tokens/new", "/tokens/new"],
    ["/tokens/new?p=default&ttl=3600", "/tokens/new?p=default&ttl=3600"],
  ] as const) {
    await page.goto(from);
    await expect(page).toHaveURL(/\/sign-in/);
    expect(new URL(page.url()).searchParams.get("next")).toBe(next);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  }
  await page.goto("/tokens/inspect");
  await expect(page).toHaveURL(/\/tokens\/inspect$/);
  await expect(page.getByLabel("Token", { exact: true })).toBeVisible();
  for (const api of ["/api/projects", "/api/projects/default/virtualclusters"]) {
    expect((await page.request.get(api)).status(), api).toBe(401);
  }
});

test("after sign-in no response body, header or cookie value contains the access key", async ({
  page,
  context,
}) => {
  const responses: Response[] = [];
  page.on("response", (r) => responses.push(r));
  await signIn(page, E2E.adminKey);

  // Use the app: open the pickers (route handlers), the inspector, and reload.
  await page.getByRole("combobox", { name: "Projects" }).click();
  await expect(page.getByRole("option", { name: /All projects/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await chooseProject(page, "Spaces", "default");
  await page.getByRole("combobox", { name: "Spaces" }).click();
  await expect(page.getByRole("option", { name: /All in this project/ })).toBeVisible();
  await page.getByRole("link", { name: "Inspect token" }).click();
  await expect(page.getByLabel("Token", { exact: true })).toBeVisible();
  await page.goto("/tokens/new");
  await expect(page.getByRole("button", { name: "Issue token" })).toBeVisible();

  const textual = /text\/|json|javascript|x-component/;
  const leaks: string[] = [];
  let readBodies = 0;
  for (const response of responses) {
    const headers = await response.allHeaders();
    for (const [name, value] of Object.entries(headers))
      if (value.includes(E2E.adminKey)) leaks.push(`header ${name} of ${response.url()}`);
    if (!textual.test(headers["content-type"] ?? "")) continue;
    if (response.status() >= 300 && response.status() < 400) continue;
    const body = await response.text().catch(() => undefined);
    if (body === undefined) continue;
    readBodies++;
    if (body.includes(E2E.adminKey)) leaks.push(`body of ${response.url()}`);
  }
  expect(readBodies).toBeGreaterThan(5);
  expect(leaks).toEqual([]);

  const cookies = await context.cookies();
  // The session cookie is among them, so the checks below look at it (its flags: shell.spec.ts).
  expect(cookies.map((c) => c.name)).toContain("dce_session");
  for (const cookie of cookies) expect(cookie.value).not.toContain(E2E.adminKey);
  // Nor base64-encoded, in case a cookie carried it unsealed.
  const encoded = Buffer.from(E2E.adminKey).toString("base64url").slice(0, 16);
  for (const cookie of cookies) expect(cookie.value).not.toContain(encoded);
  expect(
    await page.evaluate(
      () =>
        document.cookie +
        JSON.stringify({ ...localStorage }) +
        JSON.stringify({ ...sessionStorage }),
    ),
  ).not.toContain(E2E.adminKey);
});

test.describe("platform down", () => {
  let server: ConsoleServer | undefined;
  let origin = "";
  let platformUrl = "";

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // A port nobody listens on stands for the unreachable platform.
    platformUrl = `http://127.0.0.1:${await freePortIn(9100, 9199)}`;
    server = await startSecondServer({
      PLATFORM_URL: platformUrl,
      SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
    });
    origin = server.origin;
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("an unreachable platform is a message naming its URL, never the key", async ({ page }) => {
    const key = `down-test-${crypto.randomBytes(12).toString("hex")}`;
    await page.goto(`${origin}/sign-in`);
    await expect(page.getByText(`Your own access key on ${platformUrl}`)).toBeVisible();
    const field = page.getByLabel("Access key");
    await field.fill(key);
    await page.getByRole("button", { name: "Sign in" }).click();

    const alert = page.getByRole("alert").filter({ hasText: "Could not reach the platform" });
    await expect(alert).toContainText(`Could not reach the platform at ${platformUrl}`);
    await expect(alert).not.toContainText(key);
    await expect(field).not.toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(`${origin}/sign-in`);
    expect(await page.content()).not.toContain(key);
    expect(server!.output.join("")).not.toContain(key);
  });
});
