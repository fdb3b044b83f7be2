import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { KUBECTL, requireKubectl } from "../support/kubectl";
import { E2E } from "./env";
import { builderReady, issueToken, Platform, uniqueName } from "./platform";

/**
 * "Why was I refused?", end to end: real kubectl is refused with a token whose scope leaves out the
 * virtual cluster; the error it printed, pasted into the inspector, is explained by the check that
 * failed and its fix; the fix opens the builder pre-filled, and the token issued there is accepted
 * by kubectl.
 */
const target = uniqueName("explain-vc").slice(0, 40);
const other = uniqueName("explain-other").slice(0, 40);
let dir = "";

test.beforeAll(async () => {
  requireKubectl();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-explain-"));
  const platform = await Platform.open();
  await platform.createVirtualCluster("default", target, "Explain target");
  await platform.createVirtualCluster("default", other, "Explain other");
  await platform.dispose();
});

test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const server = () =>
  `https://127.0.0.1:${E2E.tlsPort}/kubernetes/project/default/virtualcluster/${target}`;

function kubectl(token: string, ...args: string[]) {
  const run = spawnSync(
    KUBECTL,
    [
      "--server",
      server(),
      "--certificate-authority",
      path.join(E2E.dataDir, "ca.pem"),
      "--token",
      token,
      "--cache-dir",
      path.join(dir, "cache"),
      "--request-timeout=20s",
      ...args,
    ],
    { encoding: "utf8", env: { ...process.env, KUBECONFIG: path.join(dir, "none") } },
  );
  return { code: run.status, err: run.stderr };
}

async function revealedToken(page: Page): Promise<string> {
  const viewer = page.getByRole("region", { name: "Issued token" });
  await viewer.getByRole("button", { name: "Reveal" }).click();
  const text = (await page.getByTestId("token-parts").textContent()) ?? "";
  return text.replace(/(Header|Payload|Signature): /g, "");
}

test("kubectl's refusal, pasted into the inspector, names the failed check and a fix whose token kubectl accepts", async ({
  page,
}) => {
  const token = await issueToken({
    ttl: 3600,
    scope: { virtualClusters: [{ project: "default", virtualCluster: other }] },
  });
  const refused = kubectl(token, "get", "pods", "-n", "default");
  expect(refused.code).not.toBe(0);
  expect(refused.err).toMatch(/Forbidden|forbidden/);

  await page.goto("/tokens/inspect");
  await page.getByLabel("Token", { exact: true }).fill(token);
  await page.getByLabel("What the client printed").fill(refused.err);
  const explanation = page.getByRole("region", { name: "Explanation" });
  await expect(explanation).toContainText("Refused at Scope covers the request");
  const fix = explanation.getByRole("link", {
    name: `Issue again with virtualClusters += default/${target}`,
  });
  await expect(fix).toBeVisible();
  // The token never left the page: only the fix's scope is in the link.
  expect(await fix.getAttribute("href")).not.toContain(token.slice(0, 20));

  await fix.click();
  await expect(page).toHaveURL(/\/tokens\/new\?/);
  await builderReady(page);
  await expect(page.getByRole("list", { name: "Chosen virtual clusters" })).toContainText(target);
  await page.getByRole("button", { name: "Issue token" }).click();
  const fixed = await revealedToken(page);
  const accepted = kubectl(fixed, "get", "namespaces", "-o", "name");
  expect(accepted.err).toBe("");
  expect(accepted.code).toBe(0);
});

test("an expired token's 401 is explained without a URL: the credential's checks decide it", async ({
  page,
}) => {
  const token = await issueToken({
    ttl: 1,
    scope: { virtualClusters: [{ project: "default", virtualCluster: target }] },
  });
  await new Promise((r) => setTimeout(r, 1500));
  const refused = kubectl(token, "get", "namespaces");
  expect(refused.code).not.toBe(0);
  expect(refused.err).toMatch(/Unauthorized|provide credentials/);
  await page.goto("/tokens/inspect");
  await page.getByLabel("Token", { exact: true }).fill(token);
  await page.getByLabel("What the client printed").fill(refused.err);
  const explanation = page.getByRole("region", { name: "Explanation" });
  await expect(explanation).toContainText("Refused at Not expired");
});
