import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { builderReady, Platform, uniqueName } from "./platform";

/**
 * The reach diff (/tokens/compare) and least privilege from activity (/tokens/least-privilege),
 * in the browser: what is pasted stays on the page; the proposal opens the builder pre-filled.
 */
const vc = uniqueName("lp-vc").slice(0, 40);

test.beforeAll(async () => {
  const platform = await Platform.open();
  await platform.createVirtualCluster("default", vc, "Least privilege target");
  await platform.dispose();
});

/** No serious or critical axe violations (WCAG 2.x A/AA). */
async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

/** Fails the test if `secret` shows up in any URL or request body the page sends. */
function watchForLeaks(page: Page, secret: string) {
  const leaks: string[] = [];
  page.on("request", (req) => {
    if (req.url().includes(secret) || (req.postData() ?? "").includes(secret))
      leaks.push(`${req.method()} ${req.url()}`);
  });
  return leaks;
}

const BEFORE = `apiVersion: management.loft.sh/v1
kind: DirectClusterEndpointToken
spec:
  ttl: 86400
  scope:
    spaces:
      - project: dev
        space: payments-a
    virtualClusters:
      - project: default
        virtualCluster: shared
`;
const AFTER = JSON.stringify({
  apiVersion: "management.loft.sh/v1",
  kind: "DirectClusterEndpointToken",
  spec: {
    ttl: 604800,
    scope: {
      virtualClusters: [
        { project: "default", virtualCluster: "shared" },
        { project: "default", virtualCluster: "checkout" },
      ],
    },
  },
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("compare: two manifests → targets gained and lost, the lifetime change", async ({
    page,
  }) => {
    const leaks = watchForLeaks(page, "payments-a");
    await page.goto("/tokens/compare");
    await expect(page).toHaveTitle(/Compare credentials/);
    await page.getByLabel("Before", { exact: true }).fill(BEFORE);
    await page.getByLabel("After", { exact: true }).fill(AFTER);

    const region = page.getByRole("region", { name: "Differences" });
    await expect(region.getByRole("list", { name: "Targets gained" })).toHaveText(
      "virtual cluster default/checkout",
    );
    await expect(region.getByRole("list", { name: "Targets lost" })).toHaveText(
      "space dev/payments-a",
    );
    await expect(region.getByRole("list", { name: "Targets kept" })).toHaveText(
      "virtual cluster default/shared",
    );
    await expect(region.getByRole("list", { name: "Lifetime" })).toHaveText(
      "1 day → 7 days (longer)",
    );
    await expect(region.getByRole("status")).toHaveText(
      "In short: gains virtual cluster default/checkout; loses space dev/payments-a; lifetime 1 day → 7 days (longer).",
    );
    await expectNoSeriousViolations(page);

    // An access key after a token: the kind changes; a broken side says why, without a diff.
    await page
      .getByLabel("After", { exact: true })
      .fill(
        "kind: OwnedAccessKey\napiVersion: management.loft.sh/v1\nspec:\n  ttl: 86400\n  scope:\n    spaces: [{project: dev, space: payments-a}]\n",
      );
    await expect(region.getByRole("list", { name: "Credential" })).toHaveText(
      "Direct Cluster Endpoint Token → access key",
    );
    await expect(region.getByRole("list", { name: "Targets lost" })).toHaveText(
      "virtual cluster default/shared",
    );
    await page.getByLabel("Before", { exact: true }).fill("spec: [");
    await expect(page.getByLabel("Before", { exact: true })).toHaveAccessibleDescription(
      /Not a JWT/,
    );
    await expect(region).toHaveCount(0);
    expect(page.url()).not.toContain("payments");
    expect(leaks).toEqual([]);
  });
});

test("least privilege: kubectl lines with a context → the proposed scope, opened in the builder", async ({
  page,
}) => {
  const leaks = watchForLeaks(page, "rollout");
  await page.goto("/tokens/least-privilege");
  const activity = page.getByLabel("Activity", { exact: true });
  const propose = page.getByRole("button", { name: "Propose scope" });

  await propose.click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Paste what the job did first" }),
  ).toBeVisible();
  await expect(activity).toHaveAttribute("aria-invalid", "true");
  await activity.fill("echo hello");
  await propose.click();
  await expect(activity).toHaveAccessibleDescription(/No request could be read/);
  await expect(page.getByRole("list", { name: "Lines not understood" })).toContainText("Line 1");

  await activity.fill(
    [
      `kubectl --context dce_vcluster_default_${vc} get pods -n shop`,
      `kubectl --context dce_vcluster_default_${vc} rollout restart deployment/api -n shop`,
      "make deploy",
    ].join("\n"),
  );
  await propose.click();
  const region = page.getByRole("region", { name: "Proposed scope" });
  await expect(region).toContainText(`Project default: virtual cluster ${vc}`);
  await expect(region.getByRole("list", { name: "Proposed entries" })).toContainText(
    `virtualClusters[0] virtual cluster default/${vc}`,
  );
  await expect(region.getByRole("list", { name: "Proposed entries" })).toContainText(
    "Line 2: kubectl --context",
  );
  await expect(region.getByRole("list", { name: "Lines not understood" })).toContainText(
    "Line 3 (not used)",
  );
  await expectNoSeriousViolations(page);

  await region.getByRole("link", { name: "Open in the builder" }).click();
  await expect(page).toHaveURL(`/tokens/new?v=default/${vc}`);
  await builderReady(page);
  await expect(
    page.getByRole("list", { name: "Chosen virtual clusters" }).getByRole("listitem"),
  ).toContainText([`default/${vc}`]);
  expect(leaks).toEqual([]);
});
