import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { OPEN_POLICY, type IssuancePolicy } from "@/lib/policy/policy";
import { policyChanges, readPolicy, savePolicy } from "@/lib/policy/store";
import { openStore, type OpenStore } from "@/lib/store/store-db";
import { createDatabase } from "@/tests/support/postgres";

/**
 * The issuance policy in the console store, the same on both engines: every save is kept with who,
 * when, before and after; a save made from an older version is refused, and of two replicas saving
 * the same version at once exactly one wins.
 */
const ENGINES = [
  {
    name: "sqlite",
    location: async () => ({
      sqliteFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dce-policy-")), "console.db"),
    }),
  },
  {
    name: "postgres",
    location: async () => ({
      databaseUrl: await createDatabase(inject("postgresUrl")),
      sqliteFile: "/nonexistent",
    }),
  },
];

const DAY = 86_400;
const strict: IssuancePolicy = {
  ...OPEN_POLICY,
  maxTtl: { token: DAY, accessKey: 30 * DAY },
  requireNote: true,
};

describe.each(ENGINES)("the policy store on $name", (engine) => {
  let a: OpenStore;
  let b: OpenStore;
  beforeAll(async () => {
    const location = await engine.location();
    a = await openStore(location);
    b = await openStore(location);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it("starts open, keeps each save with its change, and refuses a save from an older version", async () => {
    expect(await readPolicy(a.db)).toEqual({
      policy: OPEN_POLICY,
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
    expect(await savePolicy(a.db, { policy: strict, basedOn: 0, by: "user:admin" }, 1000)).toEqual({
      saved: true,
      version: 1,
    });
    // Another replica reads what was saved.
    expect(await readPolicy(b.db)).toEqual({
      policy: strict,
      version: 1,
      updatedAt: 1000,
      updatedBy: "user:admin",
    });
    // Made from version 0 again (a second admin's stale form): refused, nothing written.
    expect(
      await savePolicy(b.db, { policy: OPEN_POLICY, basedOn: 0, by: "team:ops" }, 2000),
    ).toEqual({ saved: false, current: 1 });
    const relaxed = { ...strict, requireNote: false };
    expect(await savePolicy(b.db, { policy: relaxed, basedOn: 1, by: "team:ops" }, 3000)).toEqual({
      saved: true,
      version: 2,
    });
    const changes = await policyChanges(a.db, 10);
    expect(changes.map((c) => [c.version, c.principal, c.at])).toEqual([
      [2, "team:ops", 3000],
      [1, "user:admin", 1000],
    ]);
    expect(changes[0]).toMatchObject({ before: strict, after: relaxed });
    expect(changes[1]).toMatchObject({ before: null, after: strict });
  });

  it("of concurrent saves from one version on two replicas, exactly one wins", async () => {
    const { version } = await readPolicy(a.db);
    const attempts = Array.from({ length: 8 }, (_, i) =>
      savePolicy(i % 2 ? a.db : b.db, {
        policy: { ...strict, maxTtl: { token: (i + 1) * 3600, accessKey: null } },
        basedOn: version,
        by: `user:admin${i}`,
      }),
    );
    const outcomes = await Promise.all(attempts.map((p) => p.catch((e: unknown) => e)));
    const won = outcomes.filter((o) => (o as { saved?: boolean }).saved === true);
    expect(won).toHaveLength(1);
    const after = await readPolicy(b.db);
    expect(after.version).toBe(version + 1);
    const changes = await policyChanges(b.db, 100);
    expect(changes.filter((c) => c.version === version + 1)).toHaveLength(1);
    expect(changes[0]?.after).toEqual(after.policy);
  });

  it("applies the rules it knows of a newer document, and issues nothing under one it cannot read", async () => {
    await a.db
      .updateTable("policy")
      .set({ document: JSON.stringify({ ...strict, approvalRequired: true }) })
      .where("id", "=", "current")
      .execute();
    expect((await readPolicy(a.db)).policy).toEqual(strict);
    await a.db
      .updateTable("policy")
      .set({ document: JSON.stringify({ future: true }) })
      .where("id", "=", "current")
      .execute();
    await expect(readPolicy(a.db)).rejects.toThrow(/cannot be read/);
  });
});
