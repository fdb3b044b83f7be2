import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { issueToken } from "@/tests/support/direct";
import { tokenExpiry } from "@/tests/support/expiry";
import { requireKubectl, runKubectl } from "@/tests/support/kubectl";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

let t: TestPlatform;
/** loft-cluster's annotations: the direct endpoint host and its CA (standard base64). */
let host: string;
let caData: string;
beforeAll(async () => {
  t = await startTestPlatform();
  const cluster = await t.call("GET", `${API_PREFIX}/clusters/loft-cluster`);
  host = cluster.body.metadata.annotations["loft.sh/direct-cluster-endpoint"];
  caData = cluster.body.metadata.annotations["loft.sh/direct-cluster-endpoint-ca-data"];
});
afterAll(() => t.close());

/** A kubeconfig for a token and a target, built from the cluster's annotations as the CLI does. */
function kubeconfigFor(token: string, targetPath: string): string {
  const file = path.join(t.dataDir, `kubeconfig-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
- name: direct
  cluster:
    server: https://${host}${targetPath}
    certificate-authority-data: ${caData}
users:
- name: token
  user:
    token: ${token}
contexts:
- name: direct
  context: {cluster: direct, user: token}
current-context: direct
`,
    { mode: 0o600 },
  );
  return file;
}

/** Runs kubectl asynchronously (the platform answers from this same process), with no cache. */
function kubectl(kubeconfig: string, args: string[]) {
  const home = fs.mkdtempSync(path.join(t.dataDir, "home-"));
  return runKubectl(["--kubeconfig", kubeconfig, ...args], { HOME: home });
}

const VC = "/kubernetes/project/default/virtualcluster/dev-vcluster";

describe("kubectl 1.32 against the direct endpoint", () => {
  beforeEach(requireKubectl);

  it("lists namespaces and pods of a virtual cluster in the token's scope", async () => {
    const token = await issueToken(t, {
      scope: { virtualClusters: [{ project: "default", virtualCluster: "dev-vcluster" }] },
    });
    const config = kubeconfigFor(token, VC);
    const ns = await kubectl(config, ["get", "namespaces"]);
    expect(ns.stderr).toBe("");
    expect(ns.code).toBe(0);
    expect(ns.stdout).toMatch(/^NAME\s+/);
    for (const name of ["default", "kube-system", "kube-public", "dev-vcluster"]) {
      expect(ns.stdout).toMatch(new RegExp(`^${name}\\s`, "m"));
    }
    const pods = await kubectl(config, ["get", "pods", "-n", "default"]);
    expect(pods.stderr).toBe("");
    expect(pods.stdout).toContain("web-0");
    expect(pods.stdout).toContain("web-1");
    const version = await kubectl(config, ["version", "-o", "json"]);
    expect(version.code).toBe(0);
    expect(JSON.parse(version.stdout).serverVersion.gitVersion).toMatch(/^v1\.32\./);
  });

  it("a space and the cluster itself, with an unrestricted admin token", async () => {
    const token = await issueToken(t);
    const space = await kubectl(kubeconfigFor(token, "/kubernetes/project/default/space/dev"), [
      "get",
      "namespaces",
      "-o",
      "name",
    ]);
    expect(space.code).toBe(0);
    expect(space.stdout).toContain("namespace/dev");
    const cluster = await kubectl(kubeconfigFor(token, "/kubernetes/cluster"), [
      "get",
      "namespaces",
      "-o",
      "name",
    ]);
    expect(cluster.code).toBe(0);
    expect(cluster.stdout).toContain("namespace/loft-cluster");
  });

  it("a target out of the token's scope is Forbidden, with the reason", async () => {
    const token = await issueToken(t, {
      scope: { virtualClusters: [{ project: "default", virtualCluster: "preview" }] },
    });
    const res = await kubectl(kubeconfigFor(token, VC), ["get", "namespaces"]);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toBe("");
    expect(res.stderr).toContain("Forbidden");
    expect(res.stderr).toContain("the request is for virtual cluster dev-vcluster");
  });

  it("a write the scope forbids is Forbidden; one it allows is refused as read-only", async () => {
    const reader = await issueToken(t, {
      scope: { rules: [{ verbs: ["get", "list"] }] },
    });
    const refused = await kubectl(kubeconfigFor(reader, VC), [
      "create",
      "namespace",
      "from-kubectl",
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("Forbidden");
    expect(refused.stderr).toContain("verb create is not in its verbs (get, list)");

    const writer = await issueToken(t, { scope: { projects: [{ project: "default" }] } });
    const readOnly = await kubectl(kubeconfigFor(writer, VC), [
      "create",
      "namespace",
      "from-kubectl",
    ]);
    expect(readOnly.code).not.toBe(0);
    expect(readOnly.stderr).toContain("MethodNotAllowed");
  });

  it("a token works until it expires, then is Unauthorized", async () => {
    // 3 s from a whole second: at least 2 s for the first kubectl run to be in time.
    const token = await issueToken(t, {
      ttl: 3,
      scope: { virtualClusters: [{ project: "default", virtualCluster: "dev-vcluster" }] },
    });
    const before = await kubectl(kubeconfigFor(token, VC), ["get", "namespaces"]);
    expect(before.stderr).toBe("");
    expect(before.code).toBe(0);
    await tokenExpiry(token);
    const res = await kubectl(kubeconfigFor(token, VC), ["get", "namespaces"]);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toBe("");
    expect(res.stderr).toMatch(/Unauthorized|provide credentials/);
  });
});
