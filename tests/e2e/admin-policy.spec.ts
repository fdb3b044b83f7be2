import crypto from "node:crypto";
import { expect, request, test, type Browser, type Page } from "@playwright/test";
import { parseCsv } from "../support/csv";
import { builderReady, Platform } from "./platform";
import {
  freePortIn,
  signInThroughForm,
  startConsoleServer,
  type ConsoleServer,
} from "./second-server";

/**
 * The platform team's console, on a server of its own (a policy would change every other spec's
 * builder): an admin sets "tokens at most 1 day, note required"; a user's builder no longer offers
 * longer lifetimes and says why; the action refuses what is forced past the form, at the field;
 * the CI check answers the same violation for the same manifest; a non-admin gets 403 from every
 * admin route and from the admin's action itself.
 */

const DAY = 86_400;
const adminKey = crypto.randomBytes(24).toString("base64url");
let server: ConsoleServer;
let userKey: string;
let project: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const tlsPort = await freePortIn(9100, 9199);
  server = await startConsoleServer("admin", await freePortIn(3600, 3699), {
    LOCAL_PLATFORM_TLS_PORT: String(tlsPort),
    LOCAL_PLATFORM_ADMIN_KEY: adminKey,
    // The CI check's throttle, low enough to reach in the last test.
    POLICY_CHECK_RATE_LIMIT: "12",
  });
  const platform = await Platform.open({ tlsPort, adminKey });
  project = `policy-${crypto.randomBytes(3).toString("hex")}`;
  await platform.createUser("dev", "Dev User");
  await platform.createProject(project, { displayName: "Policy Project", members: ["dev"] });
  userKey = await platform.createAccessKey("dev");
  await platform.dispose();
});

test.afterAll(async () => {
  await server?.stop();
});

async function signedIn(browser: Browser, key: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInThroughForm(page, server.origin, key);
  return page;
}

async function chooseProject(page: Page) {
  const combobox = page.getByRole("combobox", { name: "Projects" });
  await combobox.click();
  await combobox.fill(project);
  await page
    .getByRole("listbox", { name: "Projects" })
    .getByRole("option", { name: /^Policy Project/ })
    .click();
  await combobox.press("Escape");
}

let savePolicyCall: { action: string; body: string; contentType: string } | undefined;

test("an admin sets the policy from the Admin area and sees it saved with its change", async ({
  browser,
}) => {
  const page = await signedIn(browser, adminKey);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin\/policy$/);
  const admin = page.getByRole("navigation", { name: "Admin" });
  await expect(admin.getByRole("link", { name: "Policy" })).toHaveAttribute("aria-current", "page");
  await expect(admin.getByRole("link", { name: "Audit" })).toBeVisible();

  await page.getByLabel("Maximum token lifetime").fill("1d");
  await page.getByLabel("Require a note").check();
  // A lifetime that is not one is refused at its field, and nothing is saved.
  await page.getByLabel("Maximum access key lifetime").fill("soon");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Use a duration such as 1d")).toBeVisible();
  await page.getByLabel("Maximum access key lifetime").fill("");

  const saved = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByRole("status")).toContainText("Policy saved (version 1).");
  const call = await saved;
  const headers = await call.allHeaders();
  savePolicyCall = {
    action: headers["next-action"]!,
    body: call.postDataBuffer()!.toString("utf8"),
    contentType: headers["content-type"]!,
  };
  const history = page.getByRole("region", { name: "Recent changes" });
  await expect(history).toContainText("Version 1 by user:admin");
  await expect(history).toContainText("Maximum token lifetime: no limit → 1 day");
  await expect(history).toContainText("Require a note: off → on");
  // The form shows the policy in force after a reload.
  await page.reload();
  await expect(page.getByLabel("Maximum token lifetime")).toHaveValue("1d");
  await expect(page.getByLabel("Require a note")).toBeChecked();
  await page.context().close();
});

test("a user's builder offers no lifetime beyond the policy, says why, and the action refuses what is forced past it", async ({
  browser,
}) => {
  const page = await signedIn(browser, userKey);
  await builderReady(page);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }),
  ).toHaveCount(0);

  const ttl = page.getByLabel("Time to live");
  await expect(ttl.locator("option")).toHaveText([
    "1 hour",
    "8 hours",
    "1 day",
    "Custom duration…",
    "Until a date and time…",
  ]);
  await expect(page.locator("#ttl-policy")).toHaveText(
    "Longer lifetimes are not offered: the console's policy allows tokens at most 1 day.",
  );
  await expect(page.locator("#note-hint")).toContainText("Required by the console's policy.");

  await chooseProject(page);
  // Before anything is sent: the note is required, at its field.
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.locator("#note-error")).toContainText("The console's policy requires a note");
  // A custom duration past the limit is refused at the field too.
  await ttl.selectOption("duration");
  await page.getByLabel("Custom duration").fill("2d");
  await expect(page.locator("#ttl-error")).toContainText("at most 1 day; 2 days is longer");
  await ttl.selectOption(String(DAY));
  await page.getByLabel("Note").fill("e2e deploys");

  // Forced past the form: the request the browser sends is rewritten to ask for 7 days.
  let rewritten = false;
  await page.route(`${server.origin}/tokens/new**`, async (route) => {
    const req = route.request();
    if (req.method() !== "POST" || !req.headers()["next-action"]) return route.continue();
    const body = req.postData() ?? "";
    if (!body.includes(`"ttl":${DAY}`)) return route.continue();
    rewritten = true;
    await route.continue({ postData: body.replace(`"ttl":${DAY}`, `"ttl":${7 * DAY}`) });
  });
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "issuance policy" })).toContainText(
    "The console's issuance policy does not allow this token: The console's policy allows tokens at most 1 day; 7 days is longer.",
  );
  expect(rewritten).toBe(true);
  await expect(page.locator("#ttl-error")).toContainText("at most 1 day; 7 days is longer");
  // The form keeps what was typed.
  await expect(page.getByLabel("Note")).toHaveValue("e2e deploys");
  await expect(page.getByRole("list", { name: "Chosen projects" })).toContainText(project);
  await expect(page.getByRole("region", { name: "Issued token" })).toHaveCount(0);
  await page.unroute(`${server.origin}/tokens/new**`);

  // Within the policy, it is issued.
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByRole("region", { name: "Issued token" })).toBeVisible();
  await page.context().close();
});

test("the CI check answers the same violations for the same manifest, with the user's key", async () => {
  const api = await request.newContext({ baseURL: server.origin });
  const manifest = {
    apiVersion: "management.loft.sh/v1",
    kind: "DirectClusterEndpointToken",
    spec: { ttl: 7 * DAY, scope: { projects: [{ project }] } },
  };
  const refused = await api.post("/api/policy/check", {
    headers: { authorization: `Bearer ${userKey}` },
    data: manifest,
  });
  expect(refused.status()).toBe(200);
  expect(await refused.json()).toEqual({
    allowed: false,
    violations: [
      {
        field: "spec.ttl",
        message: "The console's policy allows tokens at most 1 day; 7 days is longer",
      },
      {
        field: "note",
        message: "The console's policy requires a note: say what this credential is for",
      },
    ],
    policyVersion: 1,
  });
  const allowed = await api.post("/api/policy/check", {
    headers: { authorization: `Bearer ${userKey}`, "content-type": "application/yaml" },
    data: `manifest: |\n  apiVersion: management.loft.sh/v1\n  kind: DirectClusterEndpointToken\n  spec:\n    ttl: ${DAY}\n    scope:\n      projects:\n      - project: ${project}\nnote: nightly deploys\n`,
  });
  expect(await allowed.json()).toEqual({ allowed: true, violations: [], policyVersion: 1 });

  const noKey = await api.post("/api/policy/check", { data: manifest });
  expect(noKey.status()).toBe(401);
  expect(await noKey.json()).toMatchObject({ kind: "Status", code: 401 });
  const badKey = await api.post("/api/policy/check", {
    headers: { authorization: "Bearer not-a-key-of-this-platform" },
    data: manifest,
  });
  expect(badKey.status()).toBe(401);
  const notAManifest = await api.post("/api/policy/check", {
    headers: { authorization: `Bearer ${userKey}` },
    data: { kind: "Pod" },
  });
  expect(notAManifest.status()).toBe(422);
  expect(await notAManifest.json()).toMatchObject({
    kind: "Status",
    code: 422,
    details: { causes: [{ field: "kind" }, { field: "apiVersion" }] },
  });
  await api.dispose();
});

test("a non-admin gets a 403 Status from every admin page and route, and from the admin's action", async ({
  browser,
}) => {
  const page = await signedIn(browser, userKey);
  const api = page.context().request;
  for (const path of [
    "/admin",
    "/admin/policy",
    "/admin/audit",
    "/admin/notices",
    "/admin/does-not-exist",
    "/ADMIN/Policy",
    "/%61dmin/policy",
    "//admin/audit",
    "/admin/policy?_rsc=1",
    "/api/admin/audit/export?format=csv",
    "/api/admin/audit/export?format=ndjson",
  ]) {
    const response = await api.get(`${server.origin}${path}`, {
      headers: path.includes("_rsc") ? { RSC: "1" } : {},
    });
    expect(response.status(), path).toBe(403);
    expect(await response.json(), path).toMatchObject({ kind: "Status", code: 403 });
  }
  // Signed out: admin JSON routes answer 401; admin pages send to sign-in.
  const anonymous = await request.newContext({ baseURL: server.origin });
  expect((await anonymous.get("/api/admin/audit/export?format=csv")).status()).toBe(401);
  const signInPage = await anonymous.get("/admin/policy", { maxRedirects: 0 });
  expect(signInPage.status()).toBeGreaterThanOrEqual(300);
  await anonymous.dispose();

  // The admin's save action, replayed with the user's session, is refused (the action checks for
  // itself as well: tests/unit/admin-guard.test.ts).
  expect(savePolicyCall?.body).toContain('"requireNote":true');
  const replay = await api.post(`${server.origin}/admin/policy`, {
    headers: {
      "next-action": savePolicyCall!.action,
      "content-type": savePolicyCall!.contentType,
      origin: server.origin,
      accept: "text/x-component",
    },
    data: Buffer.from(savePolicyCall!.body.replace('"requireNote":true', '"requireNote":false')),
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(403);
  expect(await replay.json()).toMatchObject({ kind: "Status", code: 403 });
  await page.context().close();

  // The policy is unchanged.
  const adminPage = await signedIn(browser, adminKey);
  await adminPage.goto(`${server.origin}/admin/policy`);
  await expect(adminPage.getByLabel("Require a note")).toBeChecked();
  await expect(
    adminPage
      .getByRole("form", { name: "Issuance policy" })
      .getByText("Version 1", { exact: true }),
  ).toBeVisible();
  await adminPage.context().close();
});

test("the audit lists the policy change and the user's token; the CSV export holds exactly the filtered rows", async ({
  browser,
}) => {
  const page = await signedIn(browser, adminKey);
  await page.goto(`${server.origin}/admin/audit`);
  await expect(page.getByRole("heading", { name: "Audit", exact: true })).toBeVisible();
  const table = page.getByRole("table", { name: "Audit events" });
  const policyRow = table.getByRole("row").filter({ hasText: "Require a note: off → on" });
  await expect(policyRow).toContainText("user:admin");
  const tokenRow = table.getByRole("row").filter({ hasText: "e2e deploys" });
  await expect(tokenRow).toHaveCount(1);
  await expect(tokenRow).toContainText("user:dev");
  await expect(tokenRow).toContainText(project);

  // Filtered to the user: only their entries; the policy change is not an entry.
  await page.getByLabel("User").fill("dev");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/user=dev/);
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(table).not.toContainText("Require a note: off → on");
  const shown = await rows
    .locator("code[title]")
    .evaluateAll((codes) => codes.map((c) => c.getAttribute("title")));

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  const [header, ...records] = parseCsv(await readFile(file, "utf8"));
  expect(header).toContain("Fingerprint (SHA-256)");
  const at = header!.indexOf("Fingerprint (SHA-256)");
  // A fingerprint is base64url: one that begins with "-" is defused like every formula-like cell.
  const defused = shown.map((v) => (v?.startsWith("-") ? `'${v}` : v));
  expect(records.map((r) => r[at])).toEqual(defused);
  expect(records.map((r) => r[header!.indexOf("Note")])).toEqual(["e2e deploys"]);
  await page.context().close();
});

test("the CI check is throttled per client, before the key is checked", async () => {
  const api = await request.newContext({ baseURL: server.origin });
  let refused: Awaited<ReturnType<typeof api.post>> | undefined;
  // Earlier tests used 6 of the 12 a minute (a minute boundary may give a fresh window: 30 tries).
  for (let i = 0; i < 30 && !refused; i++) {
    const response = await api.post("/api/policy/check", {
      headers: { authorization: "Bearer guessing-keys" },
      data: "{}",
    });
    if (response.status() === 429) refused = response;
    else expect(response.status()).toBe(401);
  }
  expect(refused).toBeDefined();
  expect(refused!.headers()["retry-after"]).toMatch(/^\d+$/);
  expect(await refused!.json()).toMatchObject({
    kind: "Status",
    code: 429,
    details: { retryAfterSeconds: expect.any(Number) },
  });
  await api.dispose();
});
