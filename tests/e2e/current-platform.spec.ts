import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, request, test, type Page } from "@playwright/test";
import { bulkCreateVirtualClusters } from "@/lib/local-platform/bulk";
import { SearchDroppingProxy } from "../support/search-dropping-proxy";
import { E2E } from "./env";
import { chooseProject, Platform, uniqueName } from "./platform";
import {
  freePortIn,
  signInThroughForm,
  startSecondServer,
  type ConsoleServer,
} from "./second-server";

/**
 * The dashboard against a platform that behaves like a real, current one where our own local platform
 * is more generous: lists that ignore `search` (a proxy drops it), and a project namespace prefix
 * other than `p-` (`loft-p-`, as on every platform upgraded from v3).
 */

const listbox = (page: Page, name: string) => page.getByRole("listbox", { name });

test.describe("a platform whose lists ignore search", () => {
  const project = uniqueName("lists");
  let proxy: SearchDroppingProxy;
  let server: ConsoleServer;

  test.beforeAll(async () => {
    const platform = await Platform.open();
    await platform.createProject(project, { displayName: `Lists ${project}`, members: [] });
    await platform.dispose();
    bulkCreateVirtualClusters(E2E.dataDir, project, 1_200);
    proxy = new SearchDroppingProxy({
      port: E2E.tlsPort,
      ca: fs.readFileSync(path.join(E2E.dataDir, "ca.pem")),
    });
    const port = await proxy.listen();
    server = await startSecondServer({
      PLATFORM_URL: `http://127.0.0.1:${port}`,
      SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    await proxy?.close();
  });

  test("typing in a picker lists only what matches, and the platform is never asked to search", async ({
    browser,
  }) => {
    const page = await (await browser.newContext({ storageState: undefined })).newPage();
    await signInThroughForm(page, server.origin, E2E.adminKey);

    // Projects: by display name, which no list option of a real platform can filter on.
    const projects = page.getByRole("combobox", { name: "Projects" });
    await projects.click();
    await projects.fill(`Lists ${project}`);
    await expect(listbox(page, "Projects").getByRole("option")).toHaveCount(1);
    await expect(listbox(page, "Projects").getByRole("option")).toContainText(project);
    await projects.press("Escape");

    // Virtual clusters: 1,200 in the project (three platform pages of 500), one name typed.
    await chooseProject(page, "Virtual clusters", project);
    const vclusters = page.getByRole("combobox", { name: "Virtual clusters" });
    await vclusters.click();
    await vclusters.fill("vc-01123");
    const options = listbox(page, "Virtual clusters").getByRole("option");
    await expect(options).toHaveCount(1);
    await expect(options).toContainText("vc-01123");
    // By display name too.
    await vclusters.fill("Virtual cluster 777");
    await expect(options).toHaveCount(1);
    await expect(options).toContainText("vc-00777");

    expect(proxy.seenKeys.has("search")).toBe(false);
    expect(proxy.seenKeys.has("extended")).toBe(true); // instance lists the CLI's way
    expect(
      proxy.lists.some((p) => p.endsWith(`/namespaces/p-${project}/virtualclusterinstances`)),
    ).toBe(true);
    await page.context().close();
  });

  test("anonymous callers of /api/jwks cannot make the platform work harder: one lookup is kept", async ({
    request: api,
  }) => {
    const asked = () => proxy.lists.filter((p) => p.startsWith("/oidc/")).length;
    const before = asked();
    for (let i = 0; i < 10; i++) {
      const answer = await api.get(`${server.origin}/api/jwks`);
      // This platform publishes no keys where an anonymous caller could read them.
      expect(answer.status()).toBe(404);
      expect(((await answer.json()) as { message: string }).message).toMatch(
        /does not publish its token signing keys/,
      );
    }
    expect(asked() - before).toBeLessThanOrEqual(1);
  });
});

test.describe("a platform with the legacy namespace prefix loft-p-", () => {
  let server: ConsoleServer;
  const adminKey = `prefix-admin-${crypto.randomBytes(12).toString("hex")}`;
  let tlsPort = 0;

  test.beforeAll(async () => {
    tlsPort = await freePortIn(9100, 9199);
    server = await startSecondServer({
      LOCAL_PLATFORM_TLS_PORT: String(tlsPort),
      LOCAL_PLATFORM_ADMIN_KEY: adminKey,
      LOCAL_PLATFORM_PROJECT_NAMESPACE_PREFIX: "loft-p-",
    });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("pickers list a project's instances under loft-p-<project>, and a token is issued for one", async ({
    browser,
  }) => {
    const api = await request.newContext({ ignoreHTTPSErrors: true });
    const base = `https://127.0.0.1:${tlsPort}/kubernetes/management/apis/management.loft.sh/v1`;
    const headers = { Authorization: `Bearer ${adminKey}` };
    const self = await api.post(`${base}/selves`, { headers, data: {} });
    expect(
      ((await self.json()) as { status: { projectNamespacePrefix: string } }).status,
    ).toMatchObject({ projectNamespacePrefix: "loft-p-" });
    const legacy = await api.get(`${base}/namespaces/loft-p-payments/virtualclusterinstances`, {
      headers,
    });
    expect(legacy.status()).toBe(200);
    await api.dispose();

    const page = await (await browser.newContext({ storageState: undefined })).newPage();
    await signInThroughForm(page, server.origin, adminKey);
    await page.getByLabel("Only what I choose below").check();
    await chooseProject(page, "Virtual clusters", "payments");
    const vclusters = page.getByRole("combobox", { name: "Virtual clusters" });
    await vclusters.click();
    await expect(
      listbox(page, "Virtual clusters").getByRole("option", { name: /^Checkout/ }),
    ).toBeVisible();
    await listbox(page, "Virtual clusters")
      .getByRole("option", { name: /^Checkout/ })
      .click();
    await vclusters.press("Escape");
    await page.getByRole("button", { name: "Issue token" }).click();
    const viewer = page.getByRole("region", { name: "Issued token" });
    await expect(viewer).toBeVisible();
    await expect(viewer).toContainText("checkout");
    await page.context().close();
  });
});
