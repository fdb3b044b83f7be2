import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/config";
import { createKey } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform } from "@/tests/support/platform";

/** LOCAL_PLATFORM_PROJECT_NAMESPACE_PREFIX, e.g. `loft-p-` as on platforms upgraded from v3. */
describe("project namespace prefix", () => {
  it("loft-p-: instances live in loft-p-<project>, selves and agentconfig report it; a restart with another prefix is refused", async () => {
    const env = { LOCAL_PLATFORM_PROJECT_NAMESPACE_PREFIX: "loft-p-" };
    const t = await startTestPlatform({ env });
    try {
      expect(t.platform.projectNamespacePrefix).toBe("loft-p-");
      const self = await t.call("POST", `${API_PREFIX}/selves`, { body: {} });
      expect(self.body.status.projectNamespacePrefix).toBe("loft-p-");
      const agent = await t.call("GET", `${API_PREFIX}/clusters/loft-cluster/agentconfig`);
      expect(agent.body.projectNamespacePrefix).toBe("loft-p-");

      const vcs = await t.call(
        "GET",
        `${API_PREFIX}/namespaces/loft-p-default/virtualclusterinstances`,
      );
      expect(vcs.status).toBe(200);
      expect(vcs.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toContain(
        "dev-vcluster",
      );
      for (const item of vcs.body.items) expect(item.metadata.namespace).toBe("loft-p-default");
      expect(
        (await t.call("GET", `${API_PREFIX}/namespaces/p-default/virtualclusterinstances`)).body
          .items,
      ).toEqual([]);

      // A member sees their projects' instances under the prefix, and nothing under p-.
      const alice = await createKey(t, { user: "alice" });
      const all = await t.call("GET", `${API_PREFIX}/spaceinstances`, { key: alice });
      const namespaces = new Set(
        all.body.items.map((i: { metadata: { namespace: string } }) => i.metadata.namespace),
      );
      expect([...namespaces].sort()).toEqual([
        "loft-p-default",
        "loft-p-payments",
        "loft-p-platform",
      ]);
      expect(
        (
          await t.call("GET", `${API_PREFIX}/namespaces/loft-p-default/spaceinstances/dev`, {
            key: alice,
          })
        ).status,
      ).toBe(200);
      expect(
        (await t.call("GET", `${API_PREFIX}/namespaces/p-default/spaceinstances`, { key: alice }))
          .status,
      ).toBe(403);

      const created = await t.call(
        "POST",
        `${API_PREFIX}/namespaces/loft-p-payments/spaceinstances`,
        {
          key: alice,
          body: {
            apiVersion: "management.loft.sh/v1",
            kind: "SpaceInstance",
            metadata: { name: "new" },
          },
        },
      );
      expect(created.status).toBe(201);
      expect(created.body.metadata.namespace).toBe("loft-p-payments");
      // A scoped key's project is read from the prefixed namespace.
      const scoped = await createKey(t, {
        user: "alice",
        scope: { projects: [{ project: "payments" }] },
      });
      expect(
        (
          await t.call("GET", `${API_PREFIX}/namespaces/loft-p-payments/spaceinstances`, {
            key: scoped,
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.call("GET", `${API_PREFIX}/namespaces/loft-p-default/spaceinstances`, {
            key: scoped,
          })
        ).status,
      ).toBe(403);
    } finally {
      await t.close({ keepData: true });
    }

    try {
      const others: Array<Record<string, string>> = [
        {},
        { LOCAL_PLATFORM_PROJECT_NAMESPACE_PREFIX: "p-" },
      ];
      for (const other of others) {
        const attempt = startTestPlatform({ dataDir: t.dataDir, adminKey: t.adminKey, env: other });
        await expect(attempt).rejects.toBeInstanceOf(ConfigError);
        await expect(attempt).rejects.toThrow(
          /^Invalid configuration: LOCAL_PLATFORM_PROJECT_NAMESPACE_PREFIX is "p-" but the local platform's data in DATA_DIR uses project namespaces "loft-p-<project>"/,
        );
      }
      const again = await startTestPlatform({ dataDir: t.dataDir, adminKey: t.adminKey, env });
      try {
        expect(
          (await again.call("GET", `${API_PREFIX}/namespaces/loft-p-payments/spaceinstances/new`))
            .status,
        ).toBe(200);
      } finally {
        await again.close({ keepData: true });
      }
    } finally {
      fs.rmSync(t.dataDir, { recursive: true, force: true });
    }
  });

  it("unset means p-, recorded on first start: a later start with loft-p- is refused", async () => {
    const t = await startTestPlatform();
    await t.close({ keepData: true });
    try {
      await expect(
        startTestPlatform({
          dataDir: t.dataDir,
          adminKey: t.adminKey,
          env: { LOCAL_PLATFORM_PROJECT_NAMESPACE_PREFIX: "loft-p-" },
        }),
      ).rejects.toThrow(/uses project namespaces "p-<project>"; set it to "p-"/);
    } finally {
      fs.rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});
