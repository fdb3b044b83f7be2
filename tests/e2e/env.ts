import path from "node:path";

/**
 * Where the e2e server runs and who signs in. `npm test` gives it a fresh DATA_DIR each run.
 * E2E_PORT / E2E_TLS_PORT / E2E_DATA_DIR let two runs on one machine stay apart.
 */
const port = Number(process.env.E2E_PORT ?? 3107);
export const E2E = {
  port,
  tlsPort: Number(process.env.E2E_TLS_PORT ?? 8547),
  baseURL: `http://127.0.0.1:${port}`,
  adminKey: "e2e-admin-key-3f9c1b7a5d2e4f60",
  dataDir: path.resolve(process.env.E2E_DATA_DIR ?? ".data-e2e"),
  storageState: path.resolve(`tests/e2e/.auth/admin-${port}.json`),
} as const;

/** Debian's Chromium, with the flags this machine's closed network needs. */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
