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
