import fs from "node:fs";
import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Download,
  type Locator,
  type Page,
} from "@playwright/test";
import { builderReady, Platform, signIn, uniqueName } from "./platform";

/**
 * Issued tokens (the ledger page) as a user who issues through the builder, and as another user who
 * must see none of it. One signed-in page for the whole file: the tests follow one user's ledger as
 * it grows (two tokens, then a short-lived third), so they run in order.
 */
test.describe.configure({ mode: "serial" });

const run = uniqueName("e2e-ledger");
const project = `${run}-p`;
const owner = `${run}-owner`;
const other = `${run}-other`;
const FIRST = "first: nightly CI to vc-one";
const SECOND = "second: every virtual cluster";
const THIRD = "third: short-lived";
let ownerKey = "";
let otherKey = "";
let context: BrowserContext;
let page: Page;
const tokens: string[] = [];

async function newSignedInPage(browser: Browser, key: string) {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const p = await ctx.newPage();
  await signIn(p, key);
  return { ctx, page: p };
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(60_000);
  const platform = await Platform.open();
  await platform.createUser(owner, "Ledger Owner");
  await platform.createUser(other, "Ledger Other");
  ownerKey = await platform.createAccessKey(owner);
  otherKey = await platform.createAccessKey(other);
  await platform.createProject(project, { members: [owner, other] });
  await platform.createVirtualCluster(project, "vc-one", "First vcluster");
  await platform.dispose();
  ({ ctx: context, page } = await newSignedInPage(browser, ownerKey));
});

test.afterAll(async () => {
  await context?.close();
});

const viewer = () => page.getByRole("region", { name: "Issued token" });
const entries = (p: Page = page) => p.getByRole("main").getByRole("article");
const entry = (title: string) =>
  entries().filter({ has: page.getByRole("heading", { name: title }) });
const filterLink = (p: Page, name: string) =>
  p.getByRole("navigation", { name: "Filter tokens" }).getByRole("link", { name });

/** Issues a token through the builder with a note; returns the token as the viewer shows it. */
async function issue(query: string, note: string, duration?: string): Promise<string> {
  await page.goto(`/tokens/new?${query}`);
  await builderReady(page);
  if (duration) {
    await page.getByLabel("Time to live").selectOption({ label: "Custom duration…" });
    await page.getByLabel("Custom duration").fill(duration);
  }
  await page.getByRole("textbox", { name: "Note", exact: true }).fill(note);
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(viewer()).toBeVisible();
  await viewer().getByRole("button", { name: "Reveal" }).click();
  const text = (await page.getByTestId("token-parts").textContent()) ?? "";
  return text.replace(/(Header|Payload|Signature): /g, "");
}

/** The text of a downloaded file, lines unfolded (RFC 5545 §3.1). */
async function calendarOf(link: Locator): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([link.page().waitForEvent("download"), link.click()]);
  const text = fs.readFileSync((await download.path())!, "utf8");
  return { download, text: text.replace(/\r\n[ \t]/g, "") };
}

/** The ledger id of an active entry, from its calendar link. */
async function ledgerIdOf(card: Locator): Promise<string> {
  const href = await card.getByRole("link", { name: "Calendar reminder" }).getAttribute("href");
  return new URL(href!, "http://x").searchParams.get("id")!;
}

test("tokens issued through the builder are listed newest first, with notes and scope in words", async () => {
  tokens.push(await issue(`v=${project}/vc-one&ttl=86400`, FIRST));
  await expect(viewer().getByTestId("ledger-recorded")).toContainText("Recorded in this console");
  tokens.push(await issue(`v=${project}/*&ttl=3600`, SECOND));

  const link = viewer().getByRole("link", { name: "see all tokens you issued" });
  await link.click();
  await expect(page).toHaveURL(/\/tokens\/issued#entry-[0-9a-f-]{36}$/);
  const nav = page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Issued tokens" });
  await expect(nav).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Issued tokens");

  await expect(entries().getByRole("heading", { level: 2 })).toHaveText([SECOND, FIRST]);
  await expect(entry(SECOND)).toContainText(
    `Project ${project}: all virtual clusters (including virtual clusters created later)`,
  );
  await expect(entry(FIRST)).toContainText(`Project ${project}: virtual cluster vc-one`);
  await expect(entry(FIRST)).toContainText("requested 1 day, issued 1 day");
  await expect(entry(FIRST).getByTestId("expiry-status")).toHaveText(
    /^Expiring soonexpires in 23 h \d+ min$/,
  );
  await expect(entry(SECOND).getByTestId("expiry-status")).toContainText(
    /expires in (59|60) min|expires in 1 h/,
  );

  await expect(filterLink(page, "All (2)")).toHaveAttribute("aria-current", "page");
  await expect(filterLink(page, "Active (2)")).not.toHaveAttribute("aria-current", "page");
  await expect(filterLink(page, "Expiring within 7 days (2)")).toBeVisible();
  await expect(filterLink(page, "Expired (0)")).toBeVisible();
  await expect(page.getByRole("link", { name: "Revoke all tokens I issued…" })).toHaveAttribute(
    "href",
    "/tokens/issued/revoke",
  );

  // The fingerprint is shortened on screen; the whole value is in its title.
  const fingerprint = entry(FIRST).locator("dd code").nth(1);
  await expect(fingerprint).toHaveText(/^[\w-]{8}…[\w-]{4}$/);
  await expect(fingerprint).toHaveAttribute("title", /^[\w-]{43}$/);

  // An empty filter says so and offers to issue a token.
  await filterLink(page, "Revoked (0)").click();
  await expect(page).toHaveURL("/tokens/issued?filter=revoked");
  await expect(filterLink(page, "Revoked (0)")).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("main")).toContainText("None of your tokens has been revoked.");
  await expect(page.getByRole("main").getByRole("link", { name: "Issue a token" })).toHaveAttribute(
    "href",
    "/tokens/new",
  );
});

test("Issue again opens the builder with the entry's scope and time to live", async () => {
  await page.goto("/tokens/issued");
  await entry(FIRST).getByRole("link", { name: "Issue again with this scope" }).click();
  await expect(page).toHaveURL(`/tokens/new?v=${project}/vc-one&ttl=86400`);
  await builderReady(page);
  await expect(page.getByLabel("Time to live")).toHaveValue("86400");
  await expect(
    page.getByRole("list", { name: "Chosen virtual clusters" }).getByRole("listitem"),
  ).toHaveCount(1);
  await expect(page.getByRole("list", { name: "Chosen virtual clusters" })).toContainText(
    `${project}/vc-one`,
  );
});

test("calendar reminders: one token, or every active one; the note is in it, the token is not", async () => {
  await page.goto("/tokens/issued");
  const one = await calendarOf(entry(FIRST).getByRole("link", { name: "Calendar reminder" }));
  expect(one.download.suggestedFilename()).toMatch(/^dce-token-[0-9a-f]{8}\.ics$/);
  expect(one.text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(one.text.endsWith("END:VCALENDAR\r\n")).toBe(true);
  expect(one.text.match(/^BEGIN:VEVENT$/gm)).toHaveLength(1);
  expect(one.text).toContain(`SUMMARY:DCE token expires: ${FIRST}\r\n`);
  expect(one.text).toContain("BEGIN:VALARM");

  const all = await calendarOf(
    page.getByRole("link", { name: "Download reminders for all active tokens" }),
  );
  expect(all.download.suggestedFilename()).toBe("dce-tokens-active.ics");
  expect(all.text.match(/^BEGIN:VEVENT$/gm)).toHaveLength(2);
  expect(all.text).toContain(`SUMMARY:DCE token expires: ${SECOND}\r\n`);
  expect(all.text).toContain(`SUMMARY:DCE token expires: ${FIRST}\r\n`);
  expect(tokens).toHaveLength(2);
  for (const token of tokens) {
    const [, payload, signature] = token.split(".");
    for (const text of [one.text, all.text]) {
      expect(text).not.toContain(payload);
      expect(text).not.toContain(signature);
    }
  }
});

test("a short-lived token moves to Expired and out of Active once it expires", async () => {
  tokens.push(await issue(`v=${project}/vc-one`, THIRD, "2s"));
  // Poll the page until the platform's clock has passed the token's exp.
  await expect(async () => {
    await page.goto("/tokens/issued?filter=expired");
    await expect(entries().getByRole("heading", { level: 2 })).toHaveText([THIRD], {
      timeout: 500,
    });
  }).toPass({ timeout: 15_000 });
  await expect(filterLink(page, "Expired (1)")).toHaveAttribute("aria-current", "page");
  await expect(entry(THIRD).getByTestId("expiry-status")).toContainText(
    /^Expiredexpired \d+ s ago$/,
  );
  await expect(entry(THIRD)).toContainText("requested 2 s, issued 2 s");
  await expect(entry(THIRD).getByRole("link", { name: "Calendar reminder" })).toHaveCount(0);

  await filterLink(page, "Active (2)").click();
  await expect(page).toHaveURL("/tokens/issued?filter=active");
  await expect(entries().getByRole("heading", { level: 2 })).toHaveText([SECOND, FIRST]);
  await filterLink(page, "All (3)").click();
  await expect(entries().getByRole("heading", { level: 2 })).toHaveText([THIRD, SECOND, FIRST]);
});

test("Compare with now lists a virtual cluster created after issuing as added since issue", async () => {
  await page.goto("/tokens/issued");
  const card = entry(SECOND);
  const id = await ledgerIdOf(card);
  // The issue-time reach is recorded just after the token is issued.
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`/api/ledger/${id}/reach`)).json()) as { then: unknown })
          .then,
    )
    .not.toBeNull();
  const platform = await Platform.open();
  await platform.createVirtualCluster(project, "vc-late", "Created after issuing");
  await platform.dispose();

  // Only wildcard entries have the control.
  await expect(entry(FIRST).getByRole("button", { name: "Compare with now" })).toHaveCount(0);
  await card.getByRole("button", { name: "Compare with now" }).click();
  const result = card.getByTestId("reach-comparison");
  await expect(result.getByText("Added since issue (1)")).toBeVisible();
  await expect(result.getByRole("listitem")).toHaveText([`virtual cluster ${project}/vc-late`]);
  await expect(result.getByText("Gone since issue (0)")).toBeVisible();
  await expect(result.getByText("Unchanged (1)")).toBeVisible();
  await result.getByText("Unchanged (1)").click();
  await expect(result.getByRole("listitem")).toHaveText([
    `virtual cluster ${project}/vc-late`,
    `virtual cluster ${project}/vc-one`,
  ]);
});

test("another user sees none of these entries and gets 404 for their calendar and reach", async ({
  browser,
}) => {
  await page.goto("/tokens/issued");
  const id = await ledgerIdOf(entry(FIRST));
  expect((await page.request.get(`/api/ledger/calendar?id=${id}`)).status()).toBe(200);

  const second = await newSignedInPage(browser, otherKey);
  try {
    const p = second.page;
    await p
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Issued tokens" })
      .click();
    await expect(p).toHaveURL("/tokens/issued");
    await expect(filterLink(p, "All (0)")).toHaveAttribute("aria-current", "page");
    await expect(p.getByRole("main")).toContainText(
      "You have not issued any tokens on this platform yet.",
    );
    await expect(entries(p)).toHaveCount(0);
    await expect(
      p.getByRole("link", { name: "Download reminders for all active tokens" }),
    ).toHaveCount(0);

    const calendar = await p.request.get(`/api/ledger/calendar?id=${id}`);
    expect(calendar.status()).toBe(404);
    expect(await calendar.json()).toMatchObject({ kind: "Status", code: 404, reason: "NotFound" });
    const reach = await p.request.get(`/api/ledger/${id}/reach`);
    expect(reach.status()).toBe(404);
    const active = await p.request.get("/api/ledger/calendar");
    expect(active.status()).toBe(404);
  } finally {
    await second.ctx.close();
  }
});
