import { execFile, type ExecFileException } from "node:child_process";
import fs from "node:fs";

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
