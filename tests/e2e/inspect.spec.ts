import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from "jose";
import { E2E } from "./env";
import { issueToken } from "./platform";

/** A real token for `scope`, living an hour. */
const issueFor = (scope: Record<string, unknown>) => issueToken({ ttl: 3600, scope });

/** The local platform's token CA certificate: what a user pastes, as no JWKS is published. */
const tokenCaPem = () => fs.readFileSync(path.join(E2E.dataDir, "token-ca.pem"), "utf8");

/** The platform publishes no keys: the viewer says so plainly, then verifies with the pasted CA. */
async function verifyWithPastedCa(page: Page) {
  const signature = page.getByTestId("signature-verdict");
  await expect(signature).toHaveAttribute("data-verdict", "not-checked");
  await expect(signature).toContainText("does not publish its token signing keys");
  await expect(signature).toContainText("token-ca.pem");
  await expect(signature).not.toContainText("failed");
  await page.getByRole("button", { name: "Paste the token CA certificate" }).click();
  await page.getByRole("textbox", { name: "Public key" }).fill(tokenCaPem());
  await expect(signature).toHaveAttribute("data-verdict", "verified");
}

const tokenField = (page: Page) => page.getByLabel("Token", { exact: true });
const claims = (page: Page) => page.getByRole("region", { name: "Decoded claims" });
const result = (page: Page) => page.getByRole("status", { name: "Access check result" });

async function check(page: Page, target: { kind: string; [field: string]: string }) {
  const { kind, ...fields } = target;
  await page.getByRole("radio", { name: kind }).check();
  for (const [label, value] of Object.entries(fields)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByRole("button", { name: "Check access" }).click();
}

/** Fails the test if the token shows up in any URL or request body the page sends. */
function watchForLeaks(page: Page, secret: () => string | undefined) {
  const leaks: string[] = [];
  page.on("request", (req) => {
    const token = secret();
    if (!token) return;
    const signature = token.split(".")[2]!;
    if (req.url().includes(signature) || (req.postData() ?? "").includes(signature)) {
      leaks.push(`${req.method()} ${req.url()}`);
    }
  });
  return leaks;
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a pasted platform token shows its claims, verified, and its scope in words; never leaves the page", async ({
    page,
  }) => {
    const token = await issueFor({ projects: [{ project: "default" }] });
    const leaks = watchForLeaks(page, () => token);
    await page.goto("/tokens/inspect");
    await expect(page.getByText("Paste a token above")).toBeVisible();
    await tokenField(page).fill(token);

    const region = claims(page);
    await expect(region).toBeVisible();
    await expect(region.getByRole("table", { name: "Header" })).toContainText("RS256");
    await expect(region.getByRole("table", { name: "Claims" })).toContainText("Expires");
    await expect(region).toContainText("Platform claim loft.sh");
    await expect(page.getByTestId("time-validity")).toContainText(/valid for (59 min|1 h)/);
    await expect(page.getByRole("timer", { name: "Expires in" })).toContainText(
      /expires in 0:5\d:\d\d|1:00:00/,
    );
    await expect(page.getByTestId("token-parts")).toContainText(token.split(".")[0]!);
    await expect(page.getByRole("list", { name: "Token parts" })).toContainText("Signature");

    const signature = page.getByTestId("signature-verdict");
    await verifyWithPastedCa(page);
    await expect(signature).toContainText("Signature verified");

    await expect(page.getByTestId("scope-explanation")).toContainText(
      "Project default: everything (all spaces and virtual clusters)",
    );
    await expect(
      page.getByText("Sign in to check these names against the platform."),
    ).toBeVisible();

    expect(page.url()).not.toContain(token.split(".")[1]!);
    await page.reload();
    await expect(tokenField(page)).toHaveValue("");
    expect(
      await page.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      ),
    ).not.toContain(token.split(".")[2]!);
    expect(leaks).toEqual([]);
  });

  test("access checker: project scope", async ({ page }) => {
    await page.goto("/tokens/inspect");
    await tokenField(page).fill(await issueFor({ projects: [{ project: "default" }] }));
    await check(page, {
      kind: "A project virtual cluster",
      Project: "default",
      "Virtual cluster": "dev-vcluster",
    });
    await expect(result(page)).toContainText("Allowed");
    await expect(result(page)).toContainText("allowed by projects[0] (project default)");
    await check(page, { kind: "A project space", Project: "payments", Space: "payments-dev" });
    await expect(result(page)).toContainText("Denied");
    await expect(result(page)).toContainText(
      "projects[0] (project default): the request is for project payments.",
    );
  });

  test("access checker: space scope", async ({ page }) => {
    await page.goto("/tokens/inspect");
    await tokenField(page).fill(await issueFor({ spaces: [{ project: "default", space: "dev" }] }));
    await expect(page.getByTestId("scope-explanation")).toContainText("Project default: space dev");
    await check(page, { kind: "A project space", Project: "default", Space: "dev" });
    await expect(result(page)).toContainText("Allowed");
    await expect(result(page)).toContainText("allowed by spaces[0] (project default, space dev)");
    await page.getByLabel("Space", { exact: true }).fill("staging");
    await page.getByRole("button", { name: "Check access" }).click();
    await expect(result(page)).toContainText("Denied");
    await expect(result(page)).toContainText("the request is for space staging.");
    await check(page, {
      kind: "A project virtual cluster",
      Project: "default",
      "Virtual cluster": "dev-vcluster",
    });
    await expect(result(page)).toContainText("covers only requests to spaces");
  });

  test("access checker: virtual-cluster scope", async ({ page }) => {
    await page.goto("/tokens/inspect");
    await tokenField(page).fill(
      await issueFor({ virtualClusters: [{ project: "payments", virtualCluster: "checkout" }] }),
    );
    await check(page, {
      kind: "A project virtual cluster",
      Project: "payments",
      "Virtual cluster": "checkout",
    });
    await expect(result(page)).toContainText("Allowed");
    await expect(result(page)).toContainText(
      "allowed by virtualClusters[0] (project payments, virtual cluster checkout)",
    );
    await page.getByLabel("Virtual cluster", { exact: true }).fill("ledger");
    await page.getByRole("button", { name: "Check access" }).click();
    await expect(result(page)).toContainText("Denied");
    await expect(result(page)).toContainText("the request is for virtual cluster ledger.");
  });

  test("access checker: rule scope with a Kubernetes request", async ({ page }) => {
    await page.goto("/tokens/inspect");
    await tokenField(page).fill(
      await issueFor({
        rules: [
          {
            verbs: ["get", "list"],
            resources: [{ group: "", resources: ["pods", "pods/log"] }],
            requestTargets: ["ProjectVirtualCluster"],
          },
        ],
      }),
    );
    await expect(page.getByTestId("scope-explanation")).toContainText("Deprecated rules present");
    await check(page, {
      kind: "A project virtual cluster",
      Project: "default",
      "Virtual cluster": "dev-vcluster",
      Verb: "get",
      Resource: "pods",
      Subresource: "log",
      Namespace: "default",
    });
    await expect(result(page)).toContainText("Allowed");
    await expect(result(page)).toContainText("allowed by rules[0]");
    await page.getByLabel("Verb", { exact: true }).fill("delete");
    await page.getByRole("button", { name: "Check access" }).click();
    await expect(result(page)).toContainText("Denied");
    await expect(result(page)).toContainText(
      "rules[0]: verb delete is not in its verbs (get, list).",
    );
    await check(page, { kind: "A cluster", Cluster: "loft-cluster" });
    await expect(result(page)).toContainText(
      "its requestTargets (ProjectVirtualCluster) do not include Cluster.",
    );
  });

  test("malformed tokens get precise messages", async ({ page }) => {
    await page.goto("/tokens/inspect");
    const field = tokenField(page);
    const error = page.locator("#inspect-token-error");
    const b64 = (v: string) => Buffer.from(v).toString("base64url");

    await field.fill("abc.def");
    await expect(error).toContainText(
      "three parts separated by dots (header.payload.signature); this has 2.",
    );
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await field.fill(`${b64('{"alg":"RS256"}')}.pay!load.sig`);
    await expect(error).toContainText("The payload (part 2) is not base64url");
    await field.fill(`${b64("not json")}.${b64("{}")}.sig`);
    await expect(error).toContainText("The header (part 1) is not JSON");
    await field.fill(`${b64('{"alg":"none"}')}.${b64('{"sub":"x"}')}.`);
    await expect(claims(page)).toContainText('Unsafe: the header says "alg": "none"');
    await expect(page.getByTestId("signature-verdict")).toContainText("Signature not checked");
    await field.fill("   ");
    await expect(page.getByText("Paste a token above")).toBeVisible();
    await expect(claims(page)).toHaveCount(0);
  });

  test("verifies against the pasted token CA certificate, and names a wrong key", async ({
    page,
  }) => {
    const token = await issueFor({ projects: [{ project: "platform" }] });
    await page.goto("/tokens/inspect");
    await tokenField(page).fill(token);
    await page.getByRole("radio", { name: "A public key I paste" }).check();
    await expect(page.getByTestId("signature-verdict")).toContainText("Paste a public key");
    await page.getByRole("textbox", { name: "Public key" }).fill(tokenCaPem());
    await expect(page.getByTestId("signature-verdict")).toHaveAttribute("data-verdict", "verified");

    const other = await generateKeyPair("RS256", { extractable: true });
    await page
      .getByRole("textbox", { name: "Public key" })
      .fill(JSON.stringify(await exportJWK(other.publicKey)));
    await expect(page.getByTestId("signature-verdict")).toContainText("Wrong key");
    await page
      .getByRole("textbox", { name: "Public key" })
      .fill("-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----");
    await expect(page.locator("#inspect-public-key-error")).toContainText("This is a private key");
  });

  test("a manifest without a token explains its scope", async ({ page }) => {
    await page.goto("/tokens/inspect");
    await tokenField(page).fill(
      "apiVersion: management.loft.sh/v1\nkind: DirectClusterEndpointToken\nspec:\n  scope:\n    virtualClusters:\n    - project: default\n      virtualCluster: '*'\n",
    );
    await expect(page.getByText("Read as a scope")).toBeVisible();
    await expect(page.getByTestId("scope-explanation")).toContainText(
      "Project default: all virtual clusters",
    );
    await check(page, {
      kind: "A project virtual cluster",
      Project: "default",
      "Virtual cluster": "preview",
    });
    await expect(result(page)).toContainText("Allowed");
  });
});

test.describe("on a phone in dark mode", () => {
  test.use({
    storageState: { cookies: [], origins: [] },
    viewport: { width: 390, height: 844 },
    colorScheme: "dark",
  });

  test("fits 390 px without horizontal scrolling and has no serious axe violations", async ({
    page,
  }) => {
    await page.goto("/tokens/inspect");
    await tokenField(page).fill(
      await issueFor({ spaces: [{ project: "default", space: "dev" }], allowLoftCli: true }),
    );
    await verifyWithPastedCa(page);
    await check(page, { kind: "Management API", Verb: "list" });
    await expect(result(page)).toContainText("Allowed");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });
});

test.describe("signed in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test.beforeEach(async ({ page }) => {
    await page.goto("/sign-in?next=/tokens/inspect");
    await page.getByLabel("Access key").fill(E2E.adminKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/tokens\/inspect$/);
    await expect(page.getByTestId("signed-in-user")).toBeVisible();
  });

  test("warns about names that do not exist and suggests names for the checker", async ({
    page,
  }) => {
    await page.goto("/tokens/inspect");
    await tokenField(page).fill(
      '{"projects":[{"project":"defualt"}],"spaces":[{"project":"default","space":"devv"}]}',
    );
    const explanation = page.getByTestId("scope-explanation");
    await expect(explanation).toContainText(
      "Project defualt does not exist on the platform (a typo?).",
    );
    await expect(explanation).toContainText(
      "Space devv does not exist in project default (a typo?).",
    );
    await expect(page.getByText("Names checked against the platform.")).toBeVisible();

    await page.getByLabel("Project", { exact: true }).fill("pay");
    await expect(page.locator('datalist option[value="payments"]')).toHaveCount(1);
  });
});

test.describe("scopes from newer platforms", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a role and a field this console does not know: not invalid, the field listed as not understood, the checker says it depends; a pasted PEM key verifies by its SPKI thumbprint", async ({
    page,
  }) => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    const pem = await exportSPKI(pair.publicKey);
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
    const kid = Buffer.from(await crypto.subtle.digest("SHA-256", der)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      aud: ["https://kubernetes.default"],
      "loft.sh": {
        uid: "u-1",
        name: "alice",
        kind: "User",
        gen: 2,
        originalRequester: { Name: "admin", UID: "a-1", Groups: ["loft:admins"], Extra: {} },
        scope: { roles: [{ role: "vcluster" }], tenants: [{ tenant: "acme" }] },
      },
    })
      .setProtectedHeader({ alg: "RS256", kid }) // no typ, as the platform's tokens
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(pair.privateKey);

    await page.goto("/tokens/inspect");
    await tokenField(page).fill(token);
    await expect(claims(page)).toContainText("present and valid");
    await expect(claims(page)).not.toContainText("not a valid AccessKeyScope");
    await expect(claims(page)).toContainText("Requested by");
    await expect(claims(page)).toContainText("Groups: loft:admins");
    await expect(page.getByTestId("not-understood")).toContainText(
      "Not understood by this console",
    );
    await expect(page.getByTestId("not-understood")).toContainText("tenants");
    await expect(page.getByTestId("scope-explanation")).toContainText("Role vcluster");

    await check(page, {
      kind: "A project virtual cluster",
      Project: "default",
      "Virtual cluster": "dev-vcluster",
    });
    const answer = page.getByTestId("access-result");
    await expect(answer).toHaveAttribute("data-answer", "depends");
    await expect(answer).toContainText("Depends on the platform: role vcluster");
    await expect(answer).toContainText("roles[0] (vcluster)");

    await page.getByRole("radio", { name: "A public key I paste" }).check();
    await page.getByRole("textbox", { name: "Public key" }).fill(pem);
    await expect(page.getByTestId("signature-verdict")).toHaveAttribute("data-verdict", "verified");
    await expect(page.getByTestId("signature-verdict")).toContainText(
      "kid matches the key's SPKI thumbprint",
    );
  });
});
