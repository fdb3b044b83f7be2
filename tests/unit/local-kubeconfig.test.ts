import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readKubeconfigToken, writeKubeconfig } from "@/lib/local-platform/kubeconfig";

describe("the local platform's kubeconfig.yaml", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-kubeconfig-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is written owner-only, reads as YAML for kubectl, and gives its token back", async () => {
    const file = path.join(dir, "kubeconfig.yaml");
    writeKubeconfig(file, "https://127.0.0.1:8443/kubernetes/management", "CA PEM", "key-1");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const doc = parse(fs.readFileSync(file, "utf8")) as {
      "current-context": string;
      clusters: Array<{ cluster: { server: string; "certificate-authority-data": string } }>;
      users: Array<{ user: { token: string } }>;
    };
    expect(doc["current-context"]).toBe("dce-local-platform");
    expect(doc.clusters[0]!.cluster.server).toBe("https://127.0.0.1:8443/kubernetes/management");
    expect(
      Buffer.from(doc.clusters[0]!.cluster["certificate-authority-data"], "base64").toString(),
    ).toBe("CA PEM");
    expect(doc.users[0]!.user.token).toBe("key-1");
    expect(await readKubeconfigToken(file)).toBe("key-1");
  });

  it("reads the token of a kubeconfig written as YAML (by hand or an earlier version)", async () => {
    const file = path.join(dir, "kubeconfig.yaml");
    fs.writeFileSync(
      file,
      "apiVersion: v1\nkind: Config\nusers:\n  - name: admin\n    user:\n      token: key-from-yaml\n",
    );
    expect(await readKubeconfigToken(file)).toBe("key-from-yaml");
  });

  it("has no token to give when the file is missing or unreadable", async () => {
    expect(await readKubeconfigToken(path.join(dir, "missing.yaml"))).toBeUndefined();
    const file = path.join(dir, "kubeconfig.yaml");
    fs.writeFileSync(file, "users: [ {");
    expect(await readKubeconfigToken(file)).toBeUndefined();
  });
});
