import fs from "node:fs";
import path from "node:path";

const CLUSTER = "dce-local-platform";

export const kubeconfigPathOf = (dataDir: string) => path.join(dataDir, "kubeconfig.yaml");

/**
 * The admin token of an existing kubeconfig.yaml, if there is one. This console writes it as JSON (a
 * subset of YAML that kubectl reads alike, and needs no YAML library at start); a file written as
 * YAML by hand or by an older version is read with the YAML library, loaded only then.
 */
export async function readKubeconfigToken(file: string): Promise<string | undefined> {
  try {
    const text = fs.readFileSync(file, "utf8");
    let doc: { users?: Array<{ user?: { token?: unknown } }> } | null;
    try {
      doc = JSON.parse(text) as typeof doc;
    } catch {
      doc = (await import("yaml")).parse(text) as typeof doc;
    }
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
  fs.writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}
