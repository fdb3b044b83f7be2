import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse as parseYaml } from "yaml";
import { toBase64Url } from "@/lib/scope/url-state";
import { KUBECTL, requireKubectl } from "../support/kubectl";
import { builderReady, Platform, uniqueName } from "./platform";

/**
 * The credential current platforms recommend, end to end: an access key created in the builder with
 * a roles + virtual-cluster scope, listed on the Access keys page, its kubeconfig used by real
 * kubectl at the local platform's direct endpoint — inside its scope only — and disabling, enabling
 * and deleting it on the page taking effect at once. The key is never sent anywhere after it is shown.
 */
const inScope = uniqueName("key-in").slice(0, 40);
const outOfScope = uniqueName("key-out").slice(0, 40);
let cacheDir = "";

test.beforeAll(async () => {
  requireKubectl();
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-kubectl-key-"));
  const platform = await Platform.open();
  await platform.createVirtualCluster("default", inScope, "Key in scope");
  await platform.createVirtualCluster("default", outOfScope, "Key out of scope");
  await platform.dispose();
});

test.afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

function kubectl(file: string, ...args: string[]) {
  const run = spawnSync(
    KUBECTL,
    ["--kubeconfig", file, "--cache-dir", cacheDir, "--request-timeout=20s", ...args],
    { encoding: "utf8", env: { ...process.env, KUBECONFIG: "" } },
  );
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Every request the page sends after `from`, to check none carries the key. */
function recordRequests(page: Page) {
  const seen: { url: string; body: string; headers: string }[] = [];
  page.on("request", (req) =>
    seen.push({
      url: req.url(),
      body: req.postData() ?? "",
      headers: JSON.stringify(req.headers()),
    }),
  );
  return {
    mark: () => seen.length,
    carrying: (secret: string, from: number) =>
      seen
        .slice(from)
        .filter(
          (r) => r.url.includes(secret) || r.body.includes(secret) || r.headers.includes(secret),
        ),
  };
}

const keyItem = (page: Page, displayName: string) =>
  page
    .getByRole("list", { name: "Your access keys" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: displayName, exact: true }) });

test("an access key from the builder: listed with its scope, kubectl works inside it only, and disable, enable and delete act at once", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const requests = recordRequests(page);
  const displayName = `CI deploy ${uniqueName("k")}`;
  const roles = toBase64Url(JSON.stringify([{ role: "loft-cli" }]));
  await page.goto(`/tokens/new?v=default/${inScope}&roles=${roles}&ttl=3600&credential=accesskey`);
  await builderReady(page);
  await expect(page.getByRole("radio", { name: "Access key" })).toBeChecked();
  await page.getByLabel("Display name").fill(displayName);
  await page.getByRole("button", { name: "Create access key" }).click();

  const viewer = page.getByRole("region", { name: "Issued access key" });
  await expect(viewer).toBeVisible();
  await viewer.getByRole("button", { name: "Reveal" }).click();
  const key = ((await page.getByTestId("access-key-value").textContent()) ?? "").trim();
  expect(key).toMatch(/^[\w-]{20,}$/);
  const shown = requests.mark();

  // Its kubeconfig: the key as the user's static token, for the virtual cluster in scope.
  await viewer.getByRole("button", { name: "Use this key" }).click();
  const panel = page.getByRole("region", { name: "Use this key" });
  await expect(panel.locator(`tr[data-target="virtualcluster:default/${inScope}"]`)).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("button", { name: "Download kubeconfig" }).click(),
  ]);
  const file = test.info().outputPath("access-key.kubeconfig");
  await download.saveAs(file);
  const text = fs.readFileSync(file, "utf8");
  const config = parseYaml(text) as {
    "current-context": string;
    users: { user: { token: string } }[];
  };
  expect(config.users.map((u) => u.user.token)).toEqual([key]);
  const context = config["current-context"];

  const inside = () => kubectl(file, "--context", context, "get", "namespaces", "-o", "name");
  const ok = inside();
  expect(ok.err).toBe("");
  expect(ok.code).toBe(0);
  expect(ok.out).toContain("namespace/default");

  // The same key pointed at a virtual cluster outside its scope: Forbidden.
  const outside = test.info().outputPath("access-key-outside.kubeconfig");
  fs.writeFileSync(
    outside,
    text.replaceAll(`/virtualcluster/${inScope}`, `/virtualcluster/${outOfScope}`),
  );
  const refused = kubectl(outside, "--context", context, "get", "namespaces");
  expect(refused.code).not.toBe(0);
  expect(refused.err).toContain("Error from server (Forbidden)");

  // On the Access keys page, with its scope in words.
  await page.goto("/access-keys");
  const item = keyItem(page, displayName);
  await expect(item).toBeVisible();
  await expect(item).toContainText(inScope);

  // Disabled: kubectl is Unauthorized at once; enabled: it works again.
  await item.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "is disabled" })).toBeVisible();
  const disabled = inside();
  expect(disabled.code).not.toBe(0);
  expect(disabled.err).toContain("Unauthorized");
  await keyItem(page, displayName).getByRole("button", { name: "Enable", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "enabled again" })).toBeVisible();
  expect(inside().code).toBe(0);

  // Deleted: Unauthorized for good.
  await keyItem(page, displayName).getByRole("button", { name: "Delete", exact: true }).click();
  await page
    .getByRole("dialog", { name: `Delete access key “${displayName}”?` })
    .getByRole("button", { name: "Delete access key" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "was deleted" })).toBeVisible();
  await expect(keyItem(page, displayName)).toHaveCount(0);
  const deleted = inside();
  expect(deleted.code).not.toBe(0);
  expect(deleted.err).toContain("Unauthorized");

  // After it was shown, the key went nowhere but the downloaded file.
  expect(requests.carrying(key, shown)).toEqual([]);
  expect(page.url()).not.toContain(key);
});
