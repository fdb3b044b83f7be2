import { spawnSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { decodeJwt } from "jose";
import { parse as parseYaml } from "yaml";
import { tokenExpiry } from "../support/expiry";
import { KUBECTL, requireKubectl } from "../support/kubectl";
import { E2E } from "./env";
import { builderReady, issueToken, Platform, signIn, uniqueName } from "./platform";

/**
 * "Use this token": the targets a token reaches with their direct-endpoint URLs, the kubeconfig
 * downloaded through the browser and used by real kubectl against the local platform's direct
 * endpoints, and the token never sent to the dashboard's server.
 */
const inScope = uniqueName("use-in").slice(0, 40);
const outOfScope = uniqueName("use-out").slice(0, 40);
const DIRECT = `https://127.0.0.1:${E2E.tlsPort}`;

/** kubectl's discovery cache for this run (kept apart from the user's ~/.kube/cache). */
let cacheDir = "";

test.beforeAll(async () => {
  requireKubectl();
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-kubectl-"));
  const platform = await Platform.open();
  await platform.createVirtualCluster("default", inScope, "In scope");
  await platform.createVirtualCluster("default", outOfScope, "Out of scope");
  await platform.dispose();
});

test.afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

/** Every request the page sends, to check afterwards that none carries the token. */
function recordRequests(page: Page) {
  const seen: { url: string; body: string }[] = [];
  page.on("request", (req) => seen.push({ url: req.url(), body: req.postData() ?? "" }));
  return (token: string) => {
    const parts = token.split(".");
    return seen.filter(
      (r) =>
        r.url.includes(parts[2]!) ||
        r.body.includes(parts[2]!) ||
        r.url.includes(parts[1]!) ||
        r.body.includes(parts[1]!),
    );
  };
}

function kubectl(file: string, ...args: string[]) {
  const run = spawnSync(
    KUBECTL,
    ["--kubeconfig", file, "--cache-dir", cacheDir, "--request-timeout=20s", ...args],
    {
      encoding: "utf8",
      env: { ...process.env, KUBECONFIG: "" },
    },
  );
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const panel = (page: Page) => page.getByRole("region", { name: "Use this token" });
const row = (page: Page, id: string) => panel(page).locator(`tr[data-target="${id}"]`);

/** Opens "Use this token", waits for the targets and downloads the kubeconfig to a file. */
async function downloadKubeconfig(page: Page, name: string): Promise<string> {
  await page.getByRole("button", { name: "Use this token" }).click();
  await expect(row(page, `virtualcluster:default/${inScope}`)).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel(page).getByRole("button", { name: "Download kubeconfig" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("dce-token.kubeconfig");
  const file = test.info().outputPath(name);
  await download.saveAs(file);
  return file;
}

test("builder: Use this token lists the targets, the downloaded kubeconfig works with kubectl within the scope only", async ({
  page,
}) => {
  const leaks = recordRequests(page);
  await page.goto(`/tokens/new?v=default/${inScope}&c=eu-west-1&ttl=3600`);
  await builderReady(page);
  await page.getByRole("button", { name: "Issue token" }).click();
  const viewer = page.getByRole("region", { name: "Issued token" });
  await expect(viewer).toBeVisible();
  await viewer.getByRole("button", { name: "Reveal" }).click();
  const token = ((await page.getByTestId("token-parts").textContent()) ?? "").replace(
    /(Header|Payload|Signature): /g,
    "",
  );
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

  const file = await downloadKubeconfig(page, "builder.kubeconfig");
  const vcUrl = `${DIRECT}/kubernetes/project/default/virtualcluster/${inScope}`;
  await expect(row(page, `virtualcluster:default/${inScope}`)).toContainText(vcUrl);
  await expect(row(page, `virtualcluster:default/${inScope}`)).toContainText(
    "TLS verified with the cluster's CA",
  );
  await expect(row(page, "cluster:eu-west-1")).toContainText(
    "Not in the kubeconfig: Cluster eu-west-1 has no direct endpoint",
  );
  await expect(panel(page).getByRole("status").first()).toContainText(
    "1 target in the kubeconfig; 1 listed without a server URL",
  );
  // Header, export line and curl: the token masked on screen.
  await expect(panel(page)).toContainText("Authorization: Bearer ••••••••");
  await expect(panel(page)).toContainText("export DCE_TOKEN='••••••••'");
  await expect(panel(page)).toContainText(`curl --cacert <(echo '`);
  await expect(panel(page)).toContainText(
    `-H "Authorization: Bearer $DCE_TOKEN" '${vcUrl}/version'`,
  );
  expect(await panel(page).textContent()).not.toContain(token.split(".")[2]!);

  // The file: one cluster and context for the virtual cluster, the token as the user's token.
  const text = fs.readFileSync(file, "utf8");
  const config = parseYaml(text) as {
    "current-context": string;
    clusters: { name: string; cluster: Record<string, unknown> }[];
    contexts: { name: string; context: { cluster: string; user: string } }[];
    users: { name: string; user: { token: string } }[];
  };
  const context = `dce_vcluster_default_${inScope}`;
  expect(config.contexts.map((c) => c.name)).toEqual([context]);
  expect(config["current-context"]).toBe(context);
  expect(config.clusters[0]!.cluster.server).toBe(vcUrl);
  expect(config.clusters[0]!.cluster["certificate-authority-data"]).toBe(
    fs.readFileSync(`${E2E.dataDir}/ca.pem`).toString("base64"),
  );
  expect(config.users).toEqual([{ name: "dce-token", user: { token } }]);
  expect(text).not.toContain("eu-west-1");

  // Real kubectl, through the direct endpoint.
  const ok = kubectl(file, "--context", context, "get", "namespaces", "-o", "name");
  expect(ok.err).toBe("");
  expect(ok.code).toBe(0);
  expect(ok.out).toContain("namespace/default");
  expect(ok.out).toContain("namespace/kube-system");

  // The same file pointed at a virtual cluster outside the scope: refused, with the reason.
  const outside = test.info().outputPath("out-of-scope.kubeconfig");
  fs.writeFileSync(
    outside,
    text.replaceAll(`/virtualcluster/${inScope}`, `/virtualcluster/${outOfScope}`),
  );
  const refused = kubectl(outside, "--context", context, "get", "namespaces");
  expect(refused.code).not.toBe(0);
  expect(refused.err).toContain(
    `Error from server (Forbidden): forbidden: the token's scope does not allow get on path "/api" of virtual cluster ${outOfScope} of project default`,
  );
  expect(refused.err).toContain(`the request is for virtual cluster ${outOfScope}`);

  // The token went nowhere but the downloaded file.
  expect(leaks(token)).toEqual([]);
  expect(page.url()).not.toContain(token.split(".")[2]!);
});

test("inspector: a pasted token's kubeconfig; once the token has expired kubectl is Unauthorized", async ({
  page,
}) => {
  const token = await issueToken({
    ttl: 1,
    scope: { virtualClusters: [{ project: "default", virtualCluster: inScope }] },
  });
  const leaks = recordRequests(page);
  await page.goto("/tokens/inspect");
  await page.getByLabel("Token", { exact: true }).fill(token);
  await expect(page.getByRole("region", { name: "Decoded claims" })).toBeVisible();
  const file = await downloadKubeconfig(page, "expired.kubeconfig");
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain(`token: ${token}`);
  expect(text).toContain(`/kubernetes/project/default/virtualcluster/${inScope}`);

  // The same file with a token that is still valid works. It also fills kubectl's discovery cache:
  // kubectl shows a 401 on discovery as "the server has asked for the client to provide
  // credentials", and a 401 on the request itself as "Unauthorized".
  const valid = test.info().outputPath("valid.kubeconfig");
  fs.writeFileSync(
    valid,
    text.replace(
      token,
      await issueToken({
        ttl: 600,
        scope: { virtualClusters: [{ project: "default", virtualCluster: inScope }] },
      }),
    ),
  );
  expect(kubectl(valid, "get", "namespaces", "-o", "name").out).toContain("namespace/default");

  await tokenExpiry(token);
  const result = kubectl(file, "get", "namespaces");
  expect(result.code).not.toBe(0);
  expect(result.err).toContain("error: You must be logged in to the server (Unauthorized)");
  expect(leaks(token)).toEqual([]);
});

test.describe("raw claims", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("the decoded header and payload as JSON and the loft.sh scope, each copyable", async ({
    page,
  }) => {
    const scope = {
      virtualClusters: [{ project: "default", virtualCluster: inScope }],
      clusters: [{ cluster: "eu-west-1" }],
    };
    const token = await issueToken({ ttl: 600, scope });
    const leaks = recordRequests(page);
    await page.goto("/tokens/inspect");
    await page.getByLabel("Token", { exact: true }).fill(token);
    const claims = page.getByRole("region", { name: "Decoded claims" });

    const scopeJson = claims.getByLabel("Scope JSON");
    await expect(scopeJson).toBeVisible();
    expect(JSON.parse((await scopeJson.textContent()) ?? "")).toEqual(scope);
    await claims.getByRole("button", { name: "Copy scope JSON" }).click();
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(scope);

    await claims.getByText("Raw JSON").click();
    await expect(claims.getByLabel("Header JSON")).toContainText('"alg": "RS256"');
    await claims.getByRole("button", { name: "Copy payload JSON" }).click();
    await expect(claims.getByRole("status").filter({ hasText: "Copied" }).first()).toBeVisible();
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(
      decodeJwt(token),
    );
    await claims.getByRole("button", { name: "Copy header JSON" }).click();
    const header = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as {
      alg: string;
    };
    expect(header.alg).toBe("RS256");
    expect(leaks(token)).toEqual([]);
  });
});

test.describe("states", () => {
  async function inspect(page: Page, token: string) {
    await page.goto("/tokens/inspect");
    await page.getByLabel("Token", { exact: true }).fill(token);
    await expect(page.getByRole("region", { name: "Decoded claims" })).toBeVisible();
  }

  test("an unrestricted token: said so, and the targets the user can see, as a snapshot; by keyboard", async ({
    page,
  }) => {
    // After the other specs the platform holds many projects: up to 200 targets, and axe checks
    // that whole panel twice.
    test.setTimeout(120_000);
    const token = await issueToken({ ttl: 600 });

    await inspect(page, token);
    const open = page.getByRole("button", { name: "Use this token" });
    await open.focus();
    await page.keyboard.press("Enter");
    await expect(open).toHaveAttribute("aria-expanded", "true");
    await expect(panel(page)).toContainText(
      "This token has no scope: it reaches whatever its owner may reach",
    );
    await expect(row(page, "cluster:loft-cluster")).toContainText(`${DIRECT}/kubernetes/cluster`);
    await expect(row(page, "cluster:loft-cluster")).toContainText("wildcard snapshot of");
    await expect(row(page, "cluster:loft-cluster")).toContainText("unrestricted token");
    await expect(row(page, `virtualcluster:default/${inScope}`)).toContainText(
      `${DIRECT}/kubernetes/project/default/virtualcluster/${inScope}`,
    );
    await expect(row(page, "cluster:eu-west-1")).toContainText("has no direct endpoint");
    const download = panel(page).getByRole("button", { name: "Download kubeconfig" });
    await download.focus();
    const [file] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    const text = fs.readFileSync(await file.path(), "utf8");
    expect(text).toContain("# wildcard snapshot of");
    expect(text).toContain("name: dce_cluster_loft-cluster");

    // The open panel, the raw JSON and the scope: no serious accessibility violations, also at 390 px.
    await page.getByText("Raw JSON").click();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const { violations } = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .analyze();
      expect(
        violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
    }
  });

  test("a token that reaches no direct endpoint says so and offers no kubeconfig", async ({
    page,
  }) => {
    const token = await issueToken({ ttl: 600, scope: { clusters: [{ cluster: "eu-west-1" }] } });
    await inspect(page, token);
    await page.getByRole("button", { name: "Use this token" }).click();
    await expect(panel(page).getByRole("status").first()).toHaveText(
      "This token reaches no target with a direct endpoint, so there is no kubeconfig to make.",
    );
    await expect(row(page, "cluster:eu-west-1")).toContainText("has no direct endpoint");
    await expect(panel(page).getByRole("button", { name: "Download kubeconfig" })).toHaveCount(0);
    // The header and export line are still offered.
    await expect(panel(page)).toContainText("export DCE_TOKEN='••••••••'");
  });

  test("the targets cannot be read: an error with Retry, which then works", async ({ page }) => {
    const token = await issueToken({
      ttl: 600,
      scope: { virtualClusters: [{ project: "default", virtualCluster: inScope }] },
    });
    let failures = 3; // react-query itself tries a 5xx three times
    await page.route("**/api/targets", async (route) => {
      if (failures-- > 0) {
        await route.fulfill({
          status: 503,
          contentType: "application/json",
          body: JSON.stringify({ kind: "Status", message: "The platform is not answering." }),
        });
      } else await route.continue();
    });
    await inspect(page, token);
    await page.getByRole("button", { name: "Use this token" }).click();
    const alert = panel(page).getByRole("alert");
    await expect(alert).toContainText("Could not list the targets: The platform is not answering.");
    await alert.getByRole("button", { name: "Retry" }).click();
    await expect(row(page, `virtualcluster:default/${inScope}`)).toBeVisible();
  });

  test.describe("as a project member without cluster rights", () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test("targets are read the CLI's way for users: clusters through the project, others' instances refused with a reason", async ({
      page,
    }) => {
      const member = uniqueName("use-member").slice(0, 40);
      const mine = uniqueName("use-mine").slice(0, 40);
      const theirs = uniqueName("use-theirs").slice(0, 40);
      const platform = await Platform.open();
      await platform.createUser(member, "Use Member");
      const key = await platform.createAccessKey(member);
      await platform.createProject(mine, { members: [member] });
      await platform.createProject(theirs);
      await platform.createVirtualCluster(mine, "vc-1");
      await platform.createVirtualCluster(theirs, "vc-2");
      await platform.dispose();
      const token = await issueToken({
        ttl: 600,
        scope: {
          virtualClusters: [
            { project: mine, virtualCluster: "vc-1" },
            { project: theirs, virtualCluster: "vc-2" },
          ],
          clusters: [{ cluster: "*" }],
        },
      });

      await signIn(page, key);
      await page.goto("/tokens/inspect");
      await page.getByLabel("Token", { exact: true }).fill(token);
      await page.getByRole("button", { name: "Use this token" }).click();
      await expect(row(page, `virtualcluster:${mine}/vc-1`)).toContainText(
        `${DIRECT}/kubernetes/project/${mine}/virtualcluster/vc-1`,
      );
      await expect(row(page, `virtualcluster:${theirs}/vc-2`)).toContainText(
        `You may not read virtual cluster vc-2 of project ${theirs}.`,
      );
      await expect(row(page, "cluster:loft-cluster")).toContainText(`${DIRECT}/kubernetes/cluster`);
      await expect(row(page, "cluster:loft-cluster")).toContainText("wildcard snapshot of");
      await expect(row(page, "cluster:eu-west-1")).toContainText("has no direct endpoint");
    });
  });

  test.describe("signed out", () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test("the inspector asks to sign in for targets, still offers the header and export line", async ({
      page,
    }) => {
      const token = await issueToken({
        ttl: 600,
        scope: { virtualClusters: [{ project: "default", virtualCluster: inScope }] },
      });
      const asked: string[] = [];
      page.on("request", (r) => asked.push(r.url()));
      await inspect(page, token);
      await page.getByRole("button", { name: "Use this token" }).click();
      await expect(panel(page)).toContainText(
        "Sign in to list the targets this token reaches and download a kubeconfig for them.",
      );
      await expect(panel(page)).toContainText("Authorization: Bearer ••••••••");
      expect(asked.filter((u) => u.includes("/api/targets"))).toEqual([]);
    });
  });
});
