import { execFile, type ExecFileException } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The kubectl the tests run: $KUBECTL, else the machine image's /usr/bin/kubectl (1.32). */
export const KUBECTL = process.env.KUBECTL ?? "/usr/bin/kubectl";

/**
 * Throws when kubectl cannot be run. Tests about what real kubectl does fail without it rather
 * than skip: a missing binary must not look like a pass.
 */
export function requireKubectl(): void {
  try {
    fs.accessSync(KUBECTL, fs.constants.X_OK);
  } catch {
    throw new Error(
      `kubectl is missing: no executable at ${KUBECTL}. These tests run the real kubectl 1.32; ` +
        "install it there or set KUBECTL to its path.",
    );
  }
}

export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs kubectl without blocking (the platform under test answers from this same process), with PATH
 * and `env` (HOME, KUBECONFIG) as its whole environment.
 */
export function runKubectl(args: string[], env: Record<string, string>): Promise<KubectlRun> {
  return new Promise((resolve) => {
    execFile(
      KUBECTL,
      args,
      {
        env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env },
        timeout: 30_000,
        encoding: "utf8",
      },
      (error: ExecFileException | null, stdout: string, stderr: string) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Writes a kubeconfig for `token` and one direct-endpoint target, built from a cluster's
 * annotations as the CLI does (`host` without a scheme, `caData` standard base64); returns its path.
 */
export function writeDirectKubeconfig(
  dir: string,
  endpoint: { host: string; caData: string },
  token: string,
  targetPath: string,
): string {
  const file = path.join(dir, `kubeconfig-${crypto.randomBytes(6).toString("hex")}.yaml`);
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: "direct",
        cluster: {
          server: `https://${endpoint.host}${targetPath}`,
          "certificate-authority-data": endpoint.caData,
        },
      },
    ],
    users: [{ name: "token", user: { token } }],
    contexts: [{ name: "direct", context: { cluster: "direct", user: "token" } }],
    "current-context": "direct",
  };
  // JSON is YAML to kubectl.
  fs.writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
  return file;
}
