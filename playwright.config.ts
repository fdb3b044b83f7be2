import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM, E2E } from "./tests/e2e/env";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    launchOptions: CHROMIUM,
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], channel: undefined, storageState: E2E.storageState },
      dependencies: ["setup"],
      testIgnore: /auth\.setup\.ts/,
    },
  ],
  webServer: {
    // As `npm start` runs it (lib/server/start.cjs sizes the threadpool, then builds and starts).
    command: `node ${path.join("lib", "server", "start.cjs")}`,
    url: `${E2E.baseURL}/healthz`,
    reuseExistingServer: !process.env.CI && !process.env.E2E_FRESH,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E.port),
      HOST: "127.0.0.1",
      LOCAL_PLATFORM_TLS_PORT: String(E2E.tlsPort),
      LOCAL_PLATFORM_ADMIN_KEY: E2E.adminKey,
      DATA_DIR: E2E.dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      // Every spec signs in through the form; rate-limit tests run their own server with a low limit.
      SIGN_IN_RATE_LIMIT: "60",
    },
  },
});
