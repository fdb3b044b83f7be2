import path from "node:path";

/** Where the e2e server runs and who signs in. A fresh DATA_DIR per `npm test` run. */
export const E2E = {
  port: 3107,
  tlsPort: 8547,
  get baseURL() {
    return `http://127.0.0.1:${this.port}`;
  },
  adminKey: "e2e-admin-key-3f9c1b7a5d2e4f60",
  dataDir: path.resolve(process.env.E2E_DATA_DIR ?? ".data-e2e"),
  storageState: path.resolve("tests/e2e/.auth/admin.json"),
} as const;
