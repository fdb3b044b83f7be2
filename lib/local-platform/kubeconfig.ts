import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

const CLUSTER = "dce-local-platform";

export const kubeconfigPathOf = (dataDir: string) => path.join(dataDir, "kubeconfig.yaml");

/** The admin token of an existing kubeconfig.yaml, if there is one. */
export function readKubeconfigToken(file: string): string | undefined {
  try {
    const doc = YAML.parse(fs.readFileSync(file, "utf8")) as {
      users?: Array<{ user?: { token?: unknown } }>;
    } | null;
    const token = doc?.users?.[0]?.user?.token;
    return typeof token === "string" ? token : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a kubeconfig (mode 0600) for `server` that trusts the platform's CA. */
export function writeKubeconfig(file: string, server: string, caPem: string, token: string) {
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: CLUSTER,
        cluster: { server, "certificate-authority-data": Buffer.from(caPem).toString("base64") },
      },
    ],
    users: [{ name: "admin", user: { token } }],
    contexts: [{ name: CLUSTER, context: { cluster: CLUSTER, user: "admin" } }],
    "current-context": CLUSTER,
    preferences: {},
  };
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, YAML.stringify(doc), { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}
