import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/** Every file in DATA_DIR with its permission bits, e.g. `platform.db 600`. */
function modes(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => `${name} ${(fs.statSync(path.join(dir, name)).mode & 0o777).toString(8)}`);
}

let t: TestPlatform;
beforeAll(async () => {
  // The test process keeps the usual umask (022): the modes must not depend on it.
  process.umask(0o022);
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe("DATA_DIR", () => {
  it("is owner-only, and so is every file in it, after start-up and after issuing", async () => {
    expect((fs.statSync(t.dataDir).mode & 0o777).toString(8)).toBe("700");
    const atStart = modes(t.dataDir);
    expect(atStart.map((m) => m.split(" ")[0])).toEqual(
      expect.arrayContaining([
        "ca.pem",
        "tls.pem",
        "token-ca.pem",
        "platform.db",
        "signing-key.pem",
      ]),
    );
    for (const entry of atStart) expect(entry).toMatch(/ 600$/);

    const issued = await t.call("POST", `${API_PREFIX}/directclusterendpointtokens`, {
      body: { apiVersion: "management.loft.sh/v1", kind: "DirectClusterEndpointToken", spec: {} },
    });
    expect(issued.status).toBe(201);
    const afterIssuing = modes(t.dataDir);
    expect(afterIssuing.map((m) => m.split(" ")[0])).toEqual(
      expect.arrayContaining(["platform.db-wal", "platform.db-shm"]),
    );
    for (const entry of afterIssuing) expect(entry).toMatch(/ 600$/);
  });
});
