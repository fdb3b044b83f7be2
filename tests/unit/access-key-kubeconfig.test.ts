import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { keyScopeInput } from "@/lib/kubeconfig/credential";
import {
  CREDENTIAL_NAMES,
  curlExample,
  exportLine,
  kubeconfigText,
  usable,
  type Kubeconfig,
} from "@/lib/kubeconfig/assemble";
import type { ResolvedTarget } from "@/lib/kubeconfig/targets";

/**
 * "Use this key": the kubeconfig the browser assembles for an access key — the key as the user's
 * static `token:`, as current CLIs write it — and the snippets reading it from $DCE_ACCESS_KEY.
 */

const KEY = "ak-7b1f0c9e4d2a4f1bb0c2e9d8a7f6e5d4";
const SERVER = "https://127.0.0.1:8443/kubernetes/project/default/virtualcluster/dev";
const targets: ResolvedTarget[] = [
  {
    id: "virtualcluster:default/dev",
    kind: "virtualcluster",
    project: "default",
    name: "dev",
    from: ["virtualClusters[0]"],
    endpoint: { server: SERVER, certificateAuthorityData: "Q0E=", insecureSkipTlsVerify: false },
  },
  {
    id: "cluster:eu-west-1",
    kind: "cluster",
    name: "eu-west-1",
    from: ["clusters[0]"],
    problem: { reason: "no-direct-endpoint", message: "no direct endpoint" },
  },
];

describe("kubeconfig with an access key", () => {
  it("one context per usable target, the key as the user's token, named as a key", () => {
    const text = kubeconfigText(targets, KEY, {
      generatedAt: "2027-01-15T10:00:00.000Z",
      expiresAt: "2027-01-16T10:00:00.000Z",
      credential: "accesskey",
    });
    const config = parse(text) as Kubeconfig;
    expect(config.users).toEqual([{ name: "access-key", user: { token: KEY } }]);
    expect(config.contexts).toEqual([
      {
        name: "dce_vcluster_default_dev",
        context: { cluster: "dce_vcluster_default_dev", user: "access-key" },
      },
    ]);
    expect(config.clusters[0]!.cluster).toEqual({
      server: SERVER,
      "certificate-authority-data": "Q0E=",
    });
    expect(text).toContain("# Kubeconfig for a vCluster Platform access key");
    expect(text).toContain("# The access key below is the credential");
    expect(text).toContain("# The access key expires 2027-01-16 10:00 UTC.");
    expect(text).not.toContain("eu-west-1");
  });

  it("a token's file names the dce-token user", () => {
    const config = parse(kubeconfigText(targets, "a.b.c", { generatedAt: "2027-01-15T10:00:00Z" }));
    expect((config as Kubeconfig).users).toEqual([{ name: "dce-token", user: { token: "a.b.c" } }]);
  });

  it("the export line and curl read the key from $DCE_ACCESS_KEY, never inline", () => {
    const { variable, file } = CREDENTIAL_NAMES.accesskey;
    expect(file).toBe("access-key.kubeconfig");
    expect(exportLine(KEY, variable)).toBe(`export DCE_ACCESS_KEY='${KEY}'`);
    const curl = curlExample(usable(targets)[0]!, variable);
    expect(curl).toContain('-H "Authorization: Bearer $DCE_ACCESS_KEY"');
    expect(curl).not.toContain(KEY);
  });

  it("the key's scope as the platform answered it: targets for a scope, all for none", () => {
    expect(
      keyScopeInput({ virtualClusters: [{ project: "default", virtualCluster: "dev" }] }),
    ).toEqual({
      kind: "scoped",
      scope: { virtualClusters: [{ project: "default", virtualCluster: "dev" }] },
    });
    expect(keyScopeInput(null)).toEqual({ kind: "unrestricted" });
    expect(keyScopeInput({ projects: "nope" }).kind).toBe("unknown");
  });
});
