import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, request, test, type Page } from "@playwright/test";
import { parse as parseYaml } from "yaml";
import { E2E } from "./env";
import { builderReady, Platform, uniqueName } from "./platform";
import { signInThroughForm } from "./second-server";

/**
 * One builder, two credentials: the builder creates an access key (`POST ownedaccesskeys` with the
 * signed-in admin's own key) from the same scope as a token, shows it once, records it in the ledger
 * and builds a kubeconfig with it — all against the local platform.
 */
const vc = uniqueName("akb").slice(0, 40);
const API = `https://127.0.0.1:${E2E.tlsPort}/kubernetes/management/apis/management.loft.sh/v1`;

test.beforeAll(async () => {
  const platform = await Platform.open();
  await platform.createVirtualCluster("default", vc, "Access key builder");
  await platform.dispose();
});

/** Every request the page sends, to check afterwards that none carries the key. */
function recordRequests(page: Page) {
  const seen: { url: string; body: string }[] = [];
  page.on("request", (req) => seen.push({ url: req.url(), body: req.postData() ?? "" }));
  return (secret: string) => seen.filter((r) => r.url.includes(secret) || r.body.includes(secret));
}

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

/** The admin's access keys with this display name, as the platform lists them. */
async function keysNamed(displayName: string): Promise<number> {
  const api = await request.newContext({ ignoreHTTPSErrors: true });
  const response = await api.get(`${API}/ownedaccesskeys`, {
    headers: { Authorization: `Bearer ${E2E.adminKey}` },
    params: { limit: 1000 },
  });
  expect(response.status()).toBe(200);
  const list = (await response.json()) as { items: { spec?: { displayName?: string } }[] };
  await api.dispose();
  return list.items.filter((k) => k.spec?.displayName === displayName).length;
}

/** `POST selves` with `key` on the local platform's management API. */
async function selfOf(key: string) {
  const api = await request.newContext({ ignoreHTTPSErrors: true });
  const response = await api.post(`${API}/selves`, {
    headers: { Authorization: `Bearer ${key}` },
    data: { apiVersion: "management.loft.sh/v1", kind: "Self", metadata: {}, spec: {} },
  });
  const body = {
    status: response.status(),
    json: (await response.json()) as {
      status: { user?: { name: string }; accessKey?: string; accessKeyScope?: unknown };
    },
  };
  await api.dispose();
  return body;
}

test("choose Access key: a field error keeps what was typed; the key is created, shown once, recorded and usable", async ({
  page,
}) => {
  // A long walk (field error, key created, ledger, Use this key): more than the default 30 s on a
  // busy machine.
  test.setTimeout(60_000);
  const leaks = recordRequests(page);
  await page.goto(`/tokens/new?v=default/${vc}&ttl=3600`);
  await builderReady(page);

  // The credential: a token by default, the access key chosen; the URL keeps the choice.
  const credential = page.getByRole("radiogroup", { name: "Credential" });
  await expect(
    credential.getByRole("radio", { name: "Direct Cluster Endpoint Token" }),
  ).toBeChecked();
  await expect(page.getByRole("button", { name: "Issue token" })).toBeVisible();
  await credential.getByRole("radio", { name: "Access key" }).check();
  const create = page.getByRole("button", { name: "Create access key" });
  await expect(create).toBeVisible();
  await expect(page).toHaveURL(/[?&]credential=accesskey(&|$)/);

  // The preview shows the OwnedAccessKey the action will send.
  const yaml = page.getByLabel("YAML equivalent");
  await expect(yaml).toContainText("kind: OwnedAccessKey");
  await expect(yaml).toContainText("user: admin");

  // A roles entry beside the virtual cluster; a description, a note; no display name yet.
  const roles = page.getByRole("group", { name: "Roles", exact: true });
  await expect(roles.getByLabel("Role to add")).toHaveValue("loft-cli");
  await roles.getByRole("button", { name: "Add role" }).click();
  await expect(roles.getByRole("group", { name: /^Role loft-cli/ })).toBeVisible();
  const note = `e2e access key ${vc}`;
  await page.getByLabel("Description").fill("Created by the access key builder e2e test");
  await page.getByLabel("Note").fill(note);
  await page.getByRole("checkbox", { name: "Count the lifetime from last use" }).check();
  await page.getByRole("checkbox", { name: "Count the lifetime from last use" }).uncheck();

  await create.click();
  const displayName = page.getByLabel("Display name");
  await expect(displayName).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#display-name-error")).toHaveText(/^Enter a display name/);
  await expect(page.locator("#display-name-error")).toHaveAttribute("role", "alert");
  await expect(page.getByRole("region", { name: "Issued access key" })).toHaveCount(0);
  // Everything typed is kept.
  await expect(credential.getByRole("radio", { name: "Access key" })).toBeChecked();
  await expect(page.getByLabel("Description")).toHaveValue(
    "Created by the access key builder e2e test",
  );
  await expect(page.getByLabel("Note")).toHaveValue(note);
  await expect(roles.getByRole("group", { name: /^Role loft-cli/ })).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Chosen virtual clusters" }).getByRole("listitem"),
  ).toHaveCount(1);
  await expectNoSeriousViolations(page);

  const name = `E2E key ${vc.slice(-6)}`;
  await displayName.fill(name);
  await expect(displayName).not.toHaveAttribute("aria-invalid", "true");
  await create.click();

  // Shown once, with copy; its name, display name, expiry and scope in words.
  const issued = page.getByRole("region", { name: "Issued access key" });
  await expect(issued).toBeVisible();
  await expect(issued.getByRole("button", { name: "Copy access key" })).toBeVisible();
  await expect(issued).toContainText(name);
  await expect(issued).toContainText("Expires");
  await expect(issued.getByTestId("scope-explanation")).toContainText(vc);
  const value = issued.getByTestId("access-key-value");
  await expect(value).toHaveText(/^•+$/);
  await issued.getByRole("button", { name: "Reveal" }).click();
  const key = (await value.textContent())?.trim() ?? "";
  expect(key.length).toBeGreaterThan(20);
  expect(key).not.toContain("•");
  const keyName = (await issued.locator("dd code").first().textContent())?.trim() ?? "";
  expect(keyName).toMatch(/^e2e-key-[a-z0-9-]+$/);

  // The key works on the platform: it is the admin's, with the scope asked for.
  const self = await selfOf(key);
  expect(self.status).toBe(201);
  expect(self.json.status.user?.name).toBe("admin");
  expect(self.json.status.accessKey).toBe(keyName);
  expect(self.json.status.accessKeyScope).toEqual({
    roles: [{ role: "loft-cli" }],
    virtualClusters: [{ project: "default", virtualCluster: vc }],
  });

  // "Use this key": the virtual cluster's target, and a kubeconfig whose user token is the key.
  await issued.getByRole("button", { name: "Use this key" }).click();
  const panel = page.getByRole("region", { name: "Use this key" });
  await expect(panel.locator(`tr[data-target="virtualcluster:default/${vc}"]`)).toContainText(
    `/kubernetes/project/default/virtualcluster/${vc}`,
  );
  await expect(panel).toContainText("export DCE_ACCESS_KEY='••••••••'");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("button", { name: "Download kubeconfig" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("access-key.kubeconfig");
  const file = test.info().outputPath("access-key.kubeconfig");
  await download.saveAs(file);
  const config = parseYaml(fs.readFileSync(file, "utf8")) as {
    contexts: { name: string }[];
    users: { name: string; user: { token: string } }[];
  };
  expect(config.users).toEqual([{ name: "access-key", user: { token: key } }]);
  expect(config.contexts.map((c) => c.name)).toEqual([`dce_vcluster_default_${vc}`]);
  await expectNoSeriousViolations(page);

  // The key went nowhere but the screen and the downloaded file: not in a request, not in the URL.
  expect(leaks(key)).toEqual([]);
  expect(page.url()).not.toContain(key);

  // The ledger lists it as an access key, with the note; Issue again opens the access key builder.
  await page.goto("/tokens/issued");
  const entry = page.getByRole("article", { name: note });
  await expect(entry.getByTestId("entry-kind")).toHaveText(`Access key ${keyName}`);
  await expect(entry).toContainText("Key name");
  await expect(page.getByRole("article").first().getByTestId("entry-kind")).toBeVisible();
  await entry.getByRole("link", { name: "Issue again with this scope" }).click();
  await expect(page).toHaveURL(/[?&]credential=accesskey(&|$)/);
  await builderReady(page);
  await expect(
    page.getByRole("radiogroup", { name: "Credential" }).getByRole("radio", { name: "Access key" }),
  ).toBeChecked();
  await expect(page.getByRole("button", { name: "Create access key" })).toBeVisible();
  // Shown once: nothing of the key is on the page any more.
  expect(await page.content()).not.toContain(key);
});

test("revoking tokens says access keys are not affected", async ({ page }) => {
  await page.goto("/tokens/issued/revoke");
  await expect(page.getByTestId("access-keys-unaffected")).toContainText(
    "Access keys are not affected",
  );
});

test("a double click on Create access key creates one key", async ({ page }) => {
  const name = `Once ${uniqueName("k").slice(-8)}`;
  const actions: Promise<unknown>[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) actions.push(r.response());
  });
  await page.goto(`/tokens/new?v=default/${vc}&ttl=3600&credential=accesskey`);
  await builderReady(page);
  await page.getByLabel("Display name").fill(name);
  await page.getByRole("button", { name: "Create access key" }).dblclick();
  await expect(page.getByRole("region", { name: "Issued access key" })).toBeVisible();
  await Promise.all(actions);
  expect(await keysNamed(name)).toBe(1);
  await expect(page.getByRole("alert").filter({ hasText: "already sent" })).toHaveCount(0);
});

test.describe("signed in with a scoped key", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a wider or never-expiring access key is marked beyond the key and refused; the form keeps it", async ({
    page,
  }) => {
    const platform = await Platform.open();
    const scoped = await platform.createAccessKey("admin", {
      scope: {
        roles: [{ role: "loft-cli" }],
        virtualClusters: [{ project: "default", virtualCluster: vc }],
      },
      ttl: 2 * 3600,
    });
    await platform.dispose();
    await signInThroughForm(page, E2E.baseURL, scoped);
    await page.goto(`/tokens/new?v=default/*&ttl=3600&credential=accesskey`);
    await builderReady(page);
    await page.getByLabel("Display name").fill("Too wide");
    const beyond = page.getByTestId("beyond-key");
    await expect(beyond).toContainText("beyond this access key's scope");
    await page.getByLabel("Time to live").selectOption({ label: "No expiry" });
    await expect(beyond).toContainText("An access key without expiry outlives your access key");

    await page.getByRole("button", { name: "Create access key" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Not allowed" })).toContainText(
      "within its own scope and lifetime",
    );
    await expect(page.getByRole("region", { name: "Issued access key" })).toHaveCount(0);
    await expect(page.getByLabel("Display name")).toHaveValue("Too wide");
    await expect(page.getByLabel("Time to live")).toHaveValue("none");
    expect(await keysNamed("Too wide")).toBe(0);
  });
});
