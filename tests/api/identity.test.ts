import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { API_PREFIX, startTestPlatform } from "@/tests/support/platform";

const selves = `${API_PREFIX}/selves`;

describe("first start and the admin key", () => {
  it("without LOCAL_PLATFORM_ADMIN_KEY: prints a generated admin key once and puts it in kubeconfig.yaml", async () => {
    const first = await startTestPlatform({ adminKey: null });
    try {
      const printed = first.logs.find((l) => l.includes('user "admin"'));
      expect(printed).toContain(first.adminKey);
      const self = await first.call("POST", selves, { body: {} });
      expect(self.status).toBe(201);
      expect(self.body.status.user.name).toBe("admin");
      // The printed demo user's key works and is not an admin (a viewer of "platform").
      const demoKey = /alice.*: (\S+)$/.exec(
        first.logs.find((l) => l.includes("alice")) ?? "",
      )?.[1];
      const alice = await first.call("GET", `${API_PREFIX}/projects`, { key: demoKey });
      expect(alice.body.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
        "default",
        "payments",
        "platform",
      ]);
    } finally {
      await first.close({ keepData: true });
    }
    const again = await startTestPlatform({ dataDir: first.dataDir, adminKey: null });
    try {
      expect(again.logs).toEqual([]);
      expect(again.adminKey).toBe(first.adminKey);
      expect((await again.call("POST", selves, { body: {} })).status).toBe(201);
    } finally {
      await again.close();
      fs.rmSync(first.dataDir, { recursive: true, force: true });
    }
  });

  it("LOCAL_PLATFORM_ADMIN_KEY is the admin key, idempotently, and a changed one replaces it", async () => {
    const first = await startTestPlatform({ adminKey: "first-admin-key-0123456789" });
    await first.close({ keepData: true });
    const same = await startTestPlatform({
      dataDir: first.dataDir,
      adminKey: "first-admin-key-0123456789",
    });
    const keys = await same.call(
      "GET",
      `${API_PREFIX}/ownedaccesskeys?fieldSelector=metadata.name%3Dadmin-environment`,
    );
    expect(keys.body.items).toHaveLength(1);
    await same.close({ keepData: true });
    const changed = await startTestPlatform({
      dataDir: first.dataDir,
      adminKey: "second-admin-key-0123456789",
    });
    try {
      expect((await changed.call("POST", selves, { body: {} })).status).toBe(201);
      expect(
        (await changed.call("POST", selves, { body: {}, key: "first-admin-key-0123456789" }))
          .status,
      ).toBe(401);
    } finally {
      await changed.close();
      fs.rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
