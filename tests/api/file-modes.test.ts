import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * Every file in DATA_DIR (and its directories, e.g. `audit/`) with its permission bits, e.g.
 * `platform.db 600`, `audit/ 700`, `audit/direct.log 600`.
 */
function modes(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const stat = fs.statSync(path.join(dir, name));
      const mode = (stat.mode & 0o777).toString(8);
      if (!stat.isDirectory()) return [`${prefix}${name} ${mode}`];
      return [`${prefix}${name}/ ${mode}`, ...modes(path.join(dir, name), `${prefix}${name}/`)];
    });
}

/** Files 0600, directories 0700. */
const ownerOnly = (entry: string) =>
  expect(entry).toMatch(entry.includes("/ ") ? / 700$/ : / 600$/);

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
        "audit/",
        "audit/direct.log",
      ]),
    );
    for (const entry of atStart) ownerOnly(entry);

    const issued = await t.call("POST", `${API_PREFIX}/directclusterendpointtokens`, {
      body: { apiVersion: "management.loft.sh/v1", kind: "DirectClusterEndpointToken", spec: {} },
    });
    expect(issued.status).toBe(201);
    const afterIssuing = modes(t.dataDir);
    expect(afterIssuing.map((m) => m.split(" ")[0])).toEqual(
      expect.arrayContaining(["platform.db-wal", "platform.db-shm"]),
    );
    for (const entry of afterIssuing) ownerOnly(entry);
  });
});
