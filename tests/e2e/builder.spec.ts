import { decodeJwt } from "jose";
import { expect, test, type Locator, type Page, type Request } from "@playwright/test";
import { parse as parseYaml } from "yaml";
import { readTokenAudit } from "@/lib/local-platform/audit";
import { bulkCreateVirtualClusters } from "@/lib/local-platform/bulk";
import { E2E } from "./env";
import { builderReady, chooseProject, Platform, signIn, uniqueName } from "./platform";

/**
 * The scope builder and the issued-token viewer, against the real server and its local platform.
 * Each run makes its own projects (alpha: a user's project with spaces and virtual clusters; beta:
 * one the user is not in; big: 10,000 virtual clusters) so nothing depends on the demo data.
 */
const run = uniqueName("e2e");
const alpha = `${run}-alpha`;
const beta = `${run}-beta`;
const big = `${run}-big`;
const user = `${run}-user`;
let userKey = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const platform = await Platform.open();
  await platform.createUser(user, "E2E Member");
  userKey = await platform.createAccessKey(user);
  await platform.createProject(alpha, { displayName: `Alpha ${run}`, members: [user] });
  await platform.createProject(beta, { displayName: `Beta ${run}` });
  await platform.createProject(big, { displayName: `Big ${run}` });
  await platform.createSpace(alpha, "dev", "Development");
  await platform.createSpace(alpha, "prod", "Production");
  await platform.createVirtualCluster(alpha, "vc-one", "First vcluster");
  await platform.createVirtualCluster(alpha, "vc-two", "Second vcluster");
  await platform.dispose();
  bulkCreateVirtualClusters(E2E.dataDir, big, 10_000);
});

const form = (page: Page) => page.getByRole("form", { name: "Token scope" });
const ttlSelect = (page: Page) => page.getByLabel("Time to live");
const issueButton = (page: Page) => page.getByRole("button", { name: "Issue token" });
const viewer = (page: Page) => page.getByRole("region", { name: "Issued token" });
const chips = (page: Page, what: "projects" | "spaces" | "virtual clusters") =>
  page.getByRole("list", { name: `Chosen ${what}` });
/** The chosen entries of a picker, as their chips read (without the remove button). */
async function expectChips(
  page: Page,
  what: "projects" | "spaces" | "virtual clusters",
  texts: string[],
) {
  await expect
    .poll(() =>
      chips(page, what)
        .getByRole("listitem")
        .evaluateAll((items) => items.map((li) => li.firstElementChild?.textContent ?? "")),
    )
    .toEqual(texts);
}
/** A picker's popup (its options, not the native <select> options elsewhere on the page). */
const listbox = (page: Page, picker: "Projects" | "Spaces" | "Virtual clusters") =>
  page.getByRole("listbox", { name: picker });

async function openBuilder(page: Page, url: string) {
  await page.goto(url);
  await builderReady(page);
}

/** The `spec` of the DirectClusterEndpointToken the preview shows. */
async function previewSpec(page: Page): Promise<{ ttl?: number; scope?: Record<string, unknown> }> {
  const text = await page.getByLabel("YAML equivalent").textContent();
  return (parseYaml(text ?? "") as { spec: { ttl?: number; scope?: Record<string, unknown> } })
    .spec;
}

/** Types into a picker, then chooses the option whose name starts with `option`. */
async function pick(
  picker: "Projects" | "Spaces" | "Virtual clusters",
  combobox: Locator,
  search: string,
  option: string,
) {
  await combobox.click();
  await combobox.fill(search);
  await listbox(combobox.page(), picker)
    .getByRole("option", { name: new RegExp(`^${option}`) })
    .click();
  await combobox.press("Escape");
}

/** The token, read from the viewer after "Reveal" (the parts are shown with screen-reader labels). */
async function revealedToken(page: Page): Promise<string> {
  await viewer(page).getByRole("button", { name: "Reveal" }).click();
  const text = (await page.getByTestId("token-parts").textContent()) ?? "";
  return text.replace(/(Header|Payload|Signature): /g, "");
}

test("each picker, including *, builds the scope the preview shows; the URL keeps it", async ({
  page,
}) => {
  await openBuilder(page, "/tokens/new");

  const projects = page.getByRole("combobox", { name: "Projects" });
  await projects.click();
  await expect(
    listbox(page, "Projects").getByRole("option", { name: /^All projects \(\*\)/ }),
  ).toContainText(/Matches the \d+ projects you can see today, and future ones/);
  await projects.fill(run);
  await expect(listbox(page, "Projects").getByRole("option", { name: /All projects/ })).toHaveCount(
    0,
  );
  await listbox(page, "Projects")
    .getByRole("option", { name: new RegExp(`^Alpha ${run}`) })
    .click();
  await expect(
    listbox(page, "Projects").getByRole("option", { name: new RegExp(`^Alpha ${run}`) }),
  ).toContainText("✓ added");
  await projects.fill("");
  await listbox(page, "Projects")
    .getByRole("option", { name: /^All projects \(\*\)/ })
    .click();
  await projects.press("Escape");
  await expectChips(page, "projects", [alpha, "* (all projects)"]);

  const spaces = page.getByRole("combobox", { name: "Spaces" });
  await expect(spaces).toBeDisabled();
  await chooseProject(page, "Spaces", alpha);
  await spaces.click();
  await expect(
    listbox(page, "Spaces").getByRole("option", { name: /^All in this project/ }),
  ).toContainText(`Matches 2 spaces in ${alpha} today, and future ones`);
  await expect(listbox(page, "Spaces").getByRole("option", { name: /^Development/ })).toContainText(
    "dev · cluster loft-cluster · Ready",
  );
  await listbox(page, "Spaces")
    .getByRole("option", { name: /^Development/ })
    .click();
  await listbox(page, "Spaces")
    .getByRole("option", { name: /^All in this project/ })
    .click();
  await spaces.press("Escape");
  await expectChips(page, "spaces", [`${alpha}/dev`, `${alpha}/*`]);

  await chooseProject(page, "Virtual clusters", alpha);
  const vclusters = page.getByRole("combobox", { name: "Virtual clusters" });
  await pick("Virtual clusters", vclusters, "two", "Second vcluster");
  await vclusters.click();
  await vclusters.fill("");
  await listbox(page, "Virtual clusters")
    .getByRole("option", { name: /^All in this project/ })
    .click();
  await vclusters.press("Escape");
  await expectChips(page, "virtual clusters", [`${alpha}/vc-two`, `${alpha}/*`]);

  await page.getByRole("checkbox", { name: "Allow Loft CLI" }).check();

  const expected = {
    allowLoftCli: true,
    projects: [{ project: alpha }, { project: "*" }],
    spaces: [
      { project: alpha, space: "dev" },
      { project: alpha, space: "*" },
    ],
    virtualClusters: [
      { project: alpha, virtualCluster: "vc-two" },
      { project: alpha, virtualCluster: "*" },
    ],
  };
  await expect.poll(() => previewSpec(page)).toEqual({ ttl: 86_400, scope: expected });

  // Removing a chip takes it out of the scope.
  await chips(page, "spaces")
    .getByRole("button", { name: `Remove ${alpha}/dev` })
    .click();
  await expectChips(page, "spaces", [`${alpha}/*`]);
  const withoutDev = { ...expected, spaces: [{ project: alpha, space: "*" }] };
  await expect.poll(() => previewSpec(page)).toEqual({ ttl: 86_400, scope: withoutDev });

  // The URL carries the scope (and only the scope): a reload rebuilds the same form.
  await expect(page).toHaveURL(
    `/tokens/new?p=${alpha}&p=*&s=${alpha}/*&v=${alpha}/vc-two&v=${alpha}/*&cli=1&ttl=86400`,
  );
  await page.reload();
  await expectChips(page, "projects", [alpha, "* (all projects)"]);
  await expectChips(page, "spaces", [`${alpha}/*`]);
  await expect(page.getByRole("checkbox", { name: "Allow Loft CLI" })).toBeChecked();
  await expect.poll(() => previewSpec(page)).toEqual({ ttl: 86_400, scope: withoutDev });
});

test("a project with 10,000 virtual clusters is searched by the server, one page at a time, by keyboard", async ({
  page,
}) => {
  const asked: Request[] = [];
  const pageSizes: number[] = [];
  const listPath = `/api/projects/${big}/virtualclusters`;
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === listPath) asked.push(r);
  });
  page.on("response", async (r) => {
    if (new URL(r.url()).pathname !== listPath) return;
    pageSizes.push(((await r.json()) as { items: unknown[] }).items.length);
  });

  await openBuilder(page, "/tokens/new");
  await chooseProject(page, "Virtual clusters", big);
  const combobox = page.getByRole("combobox", { name: "Virtual clusters" });
  await combobox.focus();
  await page.keyboard.press("ArrowDown");
  await expect(combobox).toHaveAttribute("aria-expanded", "true");
  await expect(
    listbox(page, "Virtual clusters").getByRole("option", { name: /^All in this project/ }),
  ).toContainText(`Matches 10000 virtual clusters in ${big} today, and future ones`);
  // Only the rows in view are in the DOM, and the popup keeps its size.
  await expect
    .poll(() => listbox(page, "Virtual clusters").getByRole("option").count())
    .toBeLessThan(25);
  expect((await listbox(page, "Virtual clusters").boundingBox())!.height).toBeLessThanOrEqual(300);

  await page.keyboard.type("vc-07321");
  const option = listbox(page, "Virtual clusters").getByRole("option", {
    name: /^Virtual cluster 7321/,
  });
  await expect(option).toContainText("vc-07321 · cluster loft-cluster · Ready");
  await expect(listbox(page, "Virtual clusters").getByRole("option")).toHaveCount(1);
  await page.keyboard.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expectChips(page, "virtual clusters", [`${big}/vc-07321`]);
  await expect(option).toContainText("✓ added");
  await expect(combobox).toBeFocused();

  // And `*` by keyboard: clear the search, first option, Enter.
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await expect(
    listbox(page, "Virtual clusters").getByRole("option", { name: /^All in this project/ }),
  ).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expectChips(page, "virtual clusters", [`${big}/vc-07321`, `${big}/*`]);

  const searches = asked.map((r) => new URL(r.url()).searchParams);
  expect(searches.some((s) => s.get("search") === "vc-07321")).toBe(true);
  expect(searches.filter((s) => s.has("continue"))).toEqual([]);
  expect(pageSizes.length).toBeGreaterThan(0);
  expect(Math.max(...pageSizes)).toBeLessThanOrEqual(50);
});

test("rules editor: invalid combinations shown while typing; add, duplicate, remove", async ({
  page,
}) => {
  await openBuilder(page, `/tokens/new?p=${alpha}`);
  await page.locator("summary", { hasText: "Rules" }).click();
  await expect(page.getByText("Rules are deprecated by the platform.")).toBeVisible();
  await page.getByRole("button", { name: "Add rule" }).click();
  const rule1 = page.getByRole("group", { name: "Rule 1", exact: true });
  await rule1.getByRole("checkbox", { name: "get", exact: true }).check();
  await rule1.getByRole("button", { name: "Add resources" }).click();

  const names = rule1.getByLabel("Resource names");
  await names.pressSequentially("app-config");
  await expect(names).toBeFocused();
  await expect(names).toHaveAttribute("aria-invalid", "true");
  await expect(names).toHaveAccessibleDescription("may only be set together with resources");
  const resources = rule1.getByLabel("Resources", { exact: true });
  await resources.fill("configmaps");
  await expect(names).not.toHaveAttribute("aria-invalid", "true");
  await expect(rule1.getByRole("alert")).toHaveCount(0);

  const urls = rule1.getByLabel("Non-resource URLs");
  await urls.pressSequentially("/apis/*/x");
  await expect(urls).toHaveAttribute("aria-invalid", "true");
  await expect(urls).toHaveAccessibleDescription(
    "Entry 1: may contain * only as the full, final step of the path",
  );
  await expect(page.getByRole("button", { name: "Issue token" })).toBeEnabled();
  await urls.fill("/healthz*");
  await expect(urls).not.toHaveAttribute("aria-invalid", "true");

  await rule1.getByRole("button", { name: "Duplicate rule 1" }).click();
  const rule2 = page.getByRole("group", { name: "Rule 2", exact: true });
  await expect(rule2.getByLabel("Non-resource URLs")).toHaveValue("/healthz*");
  await expect(rule2.getByLabel("Resources", { exact: true })).toHaveValue("configmaps");
  await expect(rule2.getByRole("checkbox", { name: "get", exact: true })).toBeChecked();
  await rule2.getByLabel("Non-resource URLs").fill("/version");
  await rule2.getByRole("checkbox", { name: "ProjectVirtualCluster" }).check();
  await expect
    .poll(async () => ((await previewSpec(page)).scope?.rules as unknown[] | undefined)?.length)
    .toBe(2);

  await rule1.getByRole("button", { name: "Remove rule 1" }).click();
  await expect(page.getByRole("group", { name: /^Rule \d$/ })).toHaveCount(1);
  const remaining = page.getByRole("group", { name: "Rule 1", exact: true });
  await expect(remaining.getByLabel("Non-resource URLs")).toHaveValue("/version");
  await expect(remaining.getByRole("checkbox", { name: "ProjectVirtualCluster" })).toBeChecked();
  await expect
    .poll(async () => (await previewSpec(page)).scope?.rules)
    .toEqual([
      {
        verbs: ["get"],
        resources: [{ group: "", resources: ["configmaps"], resourceNames: ["app-config"] }],
        nonResourceURLs: ["/version"],
        requestTargets: ["ProjectVirtualCluster"],
      },
    ]);
});

test.describe("time to live", () => {
  test.use({ timezoneId: "Asia/Kolkata", locale: "en-US" });

  const dateIn = (epochSeconds: number) =>
    new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "Asia/Kolkata" }).format(
      new Date(epochSeconds * 1000),
    );

  test("presets (1 day first), custom duration and custom date, each with the expiry date in the user's zone", async ({
    page,
  }) => {
    await openBuilder(page, `/tokens/new?p=${alpha}`);
    const select = ttlSelect(page);
    const hint = page.locator("#ttl-expiry");
    await expect(select).toHaveValue("86400");
    await expect(select.locator("option:checked")).toHaveText("1 day");
    await expect(hint).toContainText("(1 day from now)");
    await expect(hint).toContainText("GMT+5:30");
    const now = Math.floor(Date.now() / 1000);
    await expect(hint).toContainText(
      new RegExp(`${dateIn(now + 86_400 - 120)}|${dateIn(now + 86_400 + 120)}`),
    );
    await expect(select.locator("option")).toHaveText([
      "1 hour",
      "8 hours",
      "1 day",
      "7 days",
      "30 days",
      "Custom duration…",
      "Until a date and time…",
    ]);

    await select.selectOption({ label: "7 days" });
    await expect(hint).toContainText("(7 days from now)");
    await expect(page).toHaveURL(/ttl=604800/);

    await select.selectOption({ label: "Custom duration…" });
    const duration = page.getByLabel("Custom duration");
    await duration.fill("3d 4h");
    await expect(hint).toContainText("(3 days 4 h from now)");
    await expect.poll(async () => (await previewSpec(page)).ttl).toBe(3 * 86_400 + 4 * 3600);
    await duration.fill("soon");
    await expect(duration).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#ttl-error")).toHaveText(
      "Use numbers with s, m, h, d or w, such as 12h, 3d 4h or 90m",
    );

    await select.selectOption({ label: "Until a date and time…" });
    const expires = page.getByLabel("Expires at");
    await expires.fill("2020-01-01T10:00");
    await expect(page.locator("#ttl-error")).toHaveText("Must be at least a minute in the future");

    // Two days and an hour from now, at a whole minute, in the browser's (Kolkata) time.
    const chosen = await page.evaluate(() => {
      const d = new Date(Date.now() + 49 * 3600_000);
      d.setSeconds(0, 0);
      const pad = (n: number) => String(n).padStart(2, "0");
      return {
        local: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`,
        epoch: d.getTime() / 1000,
      };
    });
    await expires.fill(chosen.local);
    await expect(page.locator("#ttl-error")).toHaveCount(0);
    await expect(hint).toContainText(dateIn(chosen.epoch));
    await expect(hint).toContainText("(2 days");

    await issueButton(page).click();
    const token = await revealedToken(page);
    const claims = decodeJwt(token);
    expect(Math.abs(claims.exp! - chosen.epoch)).toBeLessThanOrEqual(2);
    await expect(viewer(page)).toContainText(
      "The token carries exactly the scope and lifetime you asked for.",
    );
  });
});

test.describe("issuing", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("issue, copy exactly the token, decoded claims match the request; Issue another keeps the scope", async ({
    page,
  }) => {
    const scopeQuery = `p=${alpha}&s=${alpha}/dev&v=${alpha}/*&cli=1&ttl=28800`;
    await openBuilder(page, `/tokens/new?${scopeQuery}`);
    await expect(ttlSelect(page)).toHaveValue("28800");
    await expectChips(page, "spaces", [`${alpha}/dev`]);

    await issueButton(page).click();
    const region = viewer(page);
    await expect(region).toBeVisible();
    await expect(region.getByRole("heading", { name: "Issued token" })).toBeFocused();
    await expect(region).toContainText("This token is shown only now.");
    await expect(page.getByTestId("signature-verdict")).toContainText("Signature verified");
    await expect(region).toContainText(
      "The token carries exactly the scope and lifetime you asked for.",
    );
    // Masked until revealed.
    await expect(page.getByTestId("token-parts")).toContainText("••••");

    const revealed = await revealedToken(page);
    expect(revealed).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await region.getByRole("button", { name: "Copy token" }).click();
    await expect(region.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(revealed);

    const claims = decodeJwt(copied);
    expect(claims.exp! - claims.iat!).toBe(28_800);
    expect(claims.sub).toBe("admin");
    expect((claims["loft.sh"] as { scope?: unknown }).scope).toEqual({
      allowLoftCli: true,
      projects: [{ project: alpha }],
      spaces: [{ project: alpha, space: "dev" }],
      virtualClusters: [{ project: alpha, virtualCluster: "*" }],
    });
    await expect(page.getByTestId("scope-explanation")).toContainText(alpha);

    // Never in the URL or the browser's storage.
    for (const part of copied.split(".").slice(1)) expect(page.url()).not.toContain(part);
    expect(
      await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage })),
    ).not.toContain(copied.split(".")[2]!);
    await expect(page).toHaveURL(`/tokens/new?${scopeQuery}`);

    await region.getByRole("button", { name: "Issue another" }).click();
    await expect(viewer(page)).toHaveCount(0);
    await expect(ttlSelect(page)).toHaveValue("28800");
    await expectChips(page, "projects", [alpha]);
    await expectChips(page, "spaces", [`${alpha}/dev`]);
    await expectChips(page, "virtual clusters", [`${alpha}/*`]);
    await expect(page.getByRole("checkbox", { name: "Allow Loft CLI" })).toBeChecked();
    await expect(page).toHaveURL(`/tokens/new?${scopeQuery}`);
  });

  test("a double click on Issue token issues one token", async ({ page }) => {
    const platform = await Platform.open();
    const project = uniqueName("e2e-once");
    await platform.createProject(project);
    await platform.dispose();
    const issuedFor = () =>
      readTokenAudit(E2E.dataDir).filter((row) => JSON.stringify(row.scope).includes(project));

    const actions: Promise<unknown>[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.headers()["next-action"]) actions.push(r.response());
    });
    await openBuilder(page, `/tokens/new?p=${project}&ttl=3600`);
    await expectChips(page, "projects", [project]);
    await issueButton(page).dblclick();
    await expect(viewer(page)).toBeVisible();
    await Promise.all(actions);
    expect(issuedFor()).toHaveLength(1);
    await expect(page.getByRole("alert").filter({ hasText: "already sent" })).toHaveCount(0);
  });

  test("a TTL above the platform's maximum: its 422 shows at the Time to live field, values kept", async ({
    page,
  }) => {
    await openBuilder(page, `/tokens/new?p=${alpha}&v=${alpha}/vc-one`);
    await ttlSelect(page).selectOption({ label: "Custom duration…" });
    const duration = page.getByLabel("Custom duration");
    await duration.fill("100d");
    await expect(page.locator("#ttl-expiry")).toContainText("(100 days from now)");
    await issueButton(page).click();

    await expect(page.locator("#ttl-error")).toContainText("must be at most 7776000 seconds");
    await expect(duration).toHaveAttribute("aria-invalid", "true");
    await expect(duration).toHaveAccessibleDescription(/must be at most 7776000 seconds/);
    await expect(viewer(page)).toHaveCount(0);
    await expect(duration).toHaveValue("100d");
    await expect(ttlSelect(page)).toHaveValue("duration");
    await expectChips(page, "projects", [alpha]);
    await expectChips(page, "virtual clusters", [`${alpha}/vc-one`]);

    await duration.fill("90d");
    await expect(page.locator("#ttl-error")).toHaveCount(0);
    await issueButton(page).click();
    await expect(viewer(page)).toBeVisible();
    const claims = decodeJwt(await revealedToken(page));
    expect(claims.exp! - claims.iat!).toBe(90 * 86_400);
  });
});

test.describe("as a member of one project", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("naming another project: the platform's 403 names it and the form keeps every value", async ({
    page,
  }) => {
    await signIn(page, userKey);
    await expect(page.getByTestId("signed-in-user")).toHaveText("E2E Member");

    // The pickers list only the user's own project.
    const projects = page.getByRole("combobox", { name: "Projects" });
    await projects.click();
    await projects.fill(run);
    await expect(listbox(page, "Projects").getByRole("option")).toHaveText([
      new RegExp(`^Alpha ${run}`),
    ]);
    await projects.press("Escape");

    const query = `p=${beta}&s=${alpha}/dev&ttl=3600`;
    await openBuilder(page, `/tokens/new?${query}`);
    await issueButton(page).click();
    const alert = form(page).getByRole("alert").filter({ hasText: "Not allowed" });
    await expect(alert).toContainText(`not a member of project "${beta}"`);
    await expect(viewer(page)).toHaveCount(0);
    await expectChips(page, "projects", [beta]);
    await expectChips(page, "spaces", [`${alpha}/dev`]);
    await expect(ttlSelect(page)).toHaveValue("3600");
    await expect(page).toHaveURL(`/tokens/new?${query}`);

    // Taking the other project out makes the same request acceptable.
    await chips(page, "projects")
      .getByRole("button", { name: `Remove ${beta}` })
      .click();
    await issueButton(page).click();
    await expect(viewer(page)).toBeVisible();
    const claims = decodeJwt(await revealedToken(page));
    expect(claims.sub).toBe(user);
    expect((claims["loft.sh"] as { scope?: unknown }).scope).toEqual({
      spaces: [{ project: alpha, space: "dev" }],
    });
  });
});

test("a project searched for before it existed is found when its name is typed again", async ({
  page,
}) => {
  const project = uniqueName("e2e-later");
  await openBuilder(page, "/tokens/new");
  const group = page.getByRole("group", { name: "Spaces", exact: true });
  const input = group.getByRole("combobox", { name: "Project", exact: true });
  await input.fill(project);
  await expect(group.getByRole("status").first()).toHaveText(`No project matches “${project}”.`);
  const platform = await Platform.open();
  await platform.createProject(project);
  await platform.dispose();
  // Typed again a second later, as a person would after creating it elsewhere: cleared first, and
  // the cleared field's list shown (its search has left the name), so the name is asked anew.
  await page.waitForTimeout(1_100);
  await input.fill("");
  await expect(group.locator('[role="option"]').first()).toBeVisible();
  await input.fill(project);
  await group.locator(`[role="option"][data-value="${project}"]`).click();
  await expect(
    group.getByRole("button", { name: `Change project (now ${project})` }),
  ).toBeVisible();
});

test("the instance pickers find a project beyond the first page of 50 by server search", async ({
  page,
}) => {
  const platform = await Platform.open();
  const existing = (await platform.projectNames()).length;
  for (let i = existing; i < 51; i++) await platform.createProject(uniqueName("e2e-fill"));
  const late = `zz-${uniqueName("late")}`;
  await platform.createProject(late);
  await platform.dispose();

  await openBuilder(page, "/tokens/new");
  await chooseProject(page, "Spaces", late);
  await expect(page.getByRole("combobox", { name: "Spaces" })).toBeEnabled();
});

test("clusters and roles: pick a cluster and *, add roles by keyboard; preview, URL, issued token and viewer show them", async ({
  page,
}) => {
  await openBuilder(page, "/tokens/new");

  const clusters = page.getByRole("combobox", { name: "Clusters", exact: true });
  const clusterList = page.getByRole("listbox", { name: "Clusters", exact: true });
  await clusters.click();
  await expect(clusterList.getByRole("option", { name: /^All clusters \(\*\)/ })).toContainText(
    /Matches the \d+ clusters you can see today, and future ones/,
  );
  await clusters.fill("eu-west");
  await clusterList.getByRole("option", { name: /^EU West 1/ }).click();
  await clusters.fill("");
  await clusterList.getByRole("option", { name: /^All clusters \(\*\)/ }).click();
  await clusters.press("Escape");
  await expect
    .poll(() =>
      page
        .getByRole("list", { name: "Chosen clusters" })
        .getByRole("listitem")
        .evaluateAll((items) => items.map((li) => li.firstElementChild?.textContent ?? "")),
    )
    .toEqual(["eu-west-1", "* (all clusters)"]);

  // Roles by keyboard alone: a known role from the list, then another typed by name.
  const roles = page.getByRole("group", { name: "Roles", exact: true });
  const roleSelect = roles.getByLabel("Role to add");
  await roleSelect.focus();
  await page.keyboard.press("ArrowDown"); // loft-cli → vcluster
  await expect(roleSelect).toHaveValue("vcluster");
  await expect(roles).toContainText("vcluster: connect virtual clusters to the platform");
  await page.keyboard.press("Tab");
  await expect(roles.getByRole("button", { name: "Add role" })).toBeFocused();
  await page.keyboard.press("Enter");
  const vclusterRole = roles.getByRole("group", { name: /^Role vcluster/ });
  await expect(vclusterRole).toBeVisible();
  await vclusterRole.getByLabel("Only in projects (optional)").fill(alpha);

  await roleSelect.selectOption({ label: "Another role (type its name)…" });
  const roleName = roles.getByLabel("Role name");
  await roleName.fill("not a role!");
  await roleName.press("Enter");
  await expect(roles.getByRole("alert")).toContainText("Role name must be a role name");
  await expect(roleName).toHaveAttribute("aria-invalid", "true");
  await roleName.fill("metrics-reader");
  await roleName.press("Enter");
  await expect(roles.getByRole("group", { name: /^Role metrics-reader/ })).toBeVisible();

  // Allow Loft CLI is deprecated: one click switches to the loft-cli role.
  await page.getByRole("checkbox", { name: "Allow Loft CLI" }).check();
  await page.getByRole("button", { name: "Use the loft-cli role instead" }).click();
  await expect(page.getByRole("checkbox", { name: "Allow Loft CLI" })).not.toBeChecked();
  await expect(roles.getByRole("group", { name: /^Role loft-cli/ })).toBeVisible();

  const expected = {
    roles: [
      { role: "vcluster", projects: [alpha] },
      { role: "metrics-reader" },
      { role: "loft-cli" },
    ],
    clusters: [{ cluster: "eu-west-1" }, { cluster: "*" }],
  };
  await expect.poll(async () => (await previewSpec(page)).scope).toEqual(expected);
  const explanation = page.getByTestId("scope-explanation");
  await expect(explanation).toContainText(
    /All clusters \(\*\): every cluster; matches \d+ clusters today/,
  );
  await expect(explanation).toContainText("Cluster eu-west-1");
  await expect(explanation).toContainText(
    `Role vcluster: connect virtual clusters to the platform`,
  );
  await expect(explanation).toContainText(
    "what it lets through is decided by platform code that is not public",
  );
  await expect(page).toHaveURL(/[?&]c=eu-west-1/);
  // The address bar is rewritten a moment after the last change: wait for all three roles in it.
  await expect
    .poll(() => {
      const roles = new URL(page.url()).searchParams.get("roles");
      return roles ? (JSON.parse(Buffer.from(roles, "base64url").toString()) as unknown[]) : [];
    })
    .toHaveLength(3);

  // The URL alone rebuilds it.
  await page.reload();
  await builderReady(page);
  await expect.poll(async () => (await previewSpec(page)).scope).toEqual(expected);

  await issueButton(page).click();
  await expect(viewer(page)).toBeVisible();
  const claims = decodeJwt(await revealedToken(page));
  expect((claims["loft.sh"] as { scope?: unknown }).scope).toEqual(expected);
  await expect(viewer(page).getByTestId("scope-explanation")).toContainText("Role vcluster");
  await expect(viewer(page).getByTestId("scope-explanation")).toContainText("All clusters (*)");
});

test("manifest import keeps what it knows and names the fields it left out", async ({ page }) => {
  await openBuilder(page, "/tokens/new");
  await page.getByRole("button", { name: "Import manifest" }).click();
  await page
    .getByLabel("Manifest to import")
    .fill(
      [
        "apiVersion: management.loft.sh/v1",
        "kind: DirectClusterEndpointToken",
        "spec:",
        "  scope:",
        "    clusters: [{cluster: eu-west-1}]",
        "    roles: [{role: vcluster}]",
        "    tenants: [{tenant: acme}]",
      ].join("\n"),
    );
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-not-understood")).toContainText("spec.scope.tenants");
  await expect
    .poll(async () => (await previewSpec(page)).scope)
    .toEqual({ roles: [{ role: "vcluster" }], clusters: [{ cluster: "eu-west-1" }] });
});
