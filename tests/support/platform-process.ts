import { startTestPlatform } from "@/tests/support/platform";

/**
 * Runs a test platform as its own process (for kill -9 tests): `node --import tsx
 * tests/support/platform-process.ts <dataDir> <adminKey>` prints one JSON line once it listens.
 * An adminKey of `-` leaves LOCAL_PLATFORM_ADMIN_KEY unset (the first-start key is then the admin key).
 */
const [dataDir, adminKeyArg] = process.argv.slice(2);
const adminKey = adminKeyArg === "-" ? null : adminKeyArg;
const t = await startTestPlatform({ dataDir, adminKey });
process.stdout.write(
  `${JSON.stringify({ origin: t.origin, dataDir: t.dataDir, adminKey: t.adminKey })}\n`,
);
