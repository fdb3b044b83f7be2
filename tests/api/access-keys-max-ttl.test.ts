import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { createKey } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * LOCAL_PLATFORM_ACCESS_KEY_MAX_TTL (a current platform's auth.accessKeyMaxTTLSeconds): a new key
 * living longer, or forever (no ttl), is refused with a 422 naming the maximum; off (0, the
 * default) any ttl goes.
 */
const v1 = "management.loft.sh/v1";
const KEYS = `${API_PREFIX}/ownedaccesskeys`;
const HOUR = 3600;
const body = (spec: Record<string, unknown>) => ({
  apiVersion: v1,
  kind: "OwnedAccessKey",
  metadata: { name: "capped" },
  spec,
});

let capped: TestPlatform;
let open: TestPlatform;
let alice: string;
beforeAll(async () => {
  capped = await startTestPlatform({ env: { LOCAL_PLATFORM_ACCESS_KEY_MAX_TTL: String(HOUR) } });
  open = await startTestPlatform();
  alice = await createKey(capped, { user: "alice", ttl: HOUR });
});
afterAll(async () => {
  await capped.close();
  await open.close();
});

describe("with a maximum", () => {
  it("a ttl above it is 422 Invalid naming the maximum in seconds, for admins too", async () => {
    for (const key of [capped.adminKey, alice]) {
      const res = await capped.call("POST", KEYS, { key, body: body({ ttl: HOUR + 1 }) });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        kind: "Status",
        reason: "Invalid",
        code: 422,
        details: {
          kind: "OwnedAccessKey",
          causes: [
            {
              field: "spec.ttl",
              reason: "FieldValueInvalid",
              message: `Invalid value: 3601: must be at most 3600: the platform's maximum access key lifetime is 3600 seconds`,
            },
          ],
        },
      });
      expect(res.body.message).toBe(
        `ownedaccesskeys.management.loft.sh "capped" is invalid: spec.ttl: Invalid value: 3601: must be at most 3600: the platform's maximum access key lifetime is 3600 seconds`,
      );
    }
  });

  it("no ttl (a key that never expires) is 422 Required naming the maximum", async () => {
    const res = await capped.call("POST", KEYS, { key: alice, body: body({}) });
    expect(res.status).toBe(422);
    expect(res.body.details.causes).toEqual([
      {
        field: "spec.ttl",
        reason: "FieldValueRequired",
        message:
          "Required value: the platform's maximum access key lifetime is 3600 seconds, so a key needs a ttl of at most 3600",
      },
    ]);
    // dryRun is refused alike, and nothing was stored.
    const dry = await capped.call("POST", `${KEYS}?dryRun=All`, { body: body({}) });
    expect(dry.status).toBe(422);
    expect((await capped.call("GET", `${KEYS}/capped`)).status).toBe(404);
  });

  it("a ttl within it is 201 (idle-expiring keys too: the maximum bounds their ttl)", async () => {
    const at = await capped.call("POST", KEYS, { key: alice, body: body({ ttl: HOUR }) });
    expect(at.status).toBe(201);
    const idle = await capped.call("POST", KEYS, {
      body: { ...body({ ttl: 60, ttlAfterLastActivity: true }), metadata: { name: "idle" } },
    });
    expect(idle.status).toBe(201);
    const over = await capped.call("POST", KEYS, {
      body: {
        ...body({ ttl: HOUR * 2, ttlAfterLastActivity: true }),
        metadata: { name: "idle-2" },
      },
    });
    expect(over.status).toBe(422);
  });
});

describe("without one", () => {
  it("any ttl and no ttl are 201", async () => {
    for (const [name, spec] of [
      ["forever", {}],
      ["decade", { ttl: 10 * 365 * 86_400 }],
    ] as const) {
      const res = await open.call("POST", KEYS, { body: { ...body(spec), metadata: { name } } });
      expect(res.status, name).toBe(201);
    }
  });

  it("the setting is 0 (off) by default and must be a whole number of seconds", () => {
    expect(parseConfig({}).LOCAL_PLATFORM_ACCESS_KEY_MAX_TTL).toBe(0);
    expect(
      parseConfig({ LOCAL_PLATFORM_ACCESS_KEY_MAX_TTL: "86400" }).LOCAL_PLATFORM_ACCESS_KEY_MAX_TTL,
    ).toBe(86_400);
    expect(() => parseConfig({ LOCAL_PLATFORM_ACCESS_KEY_MAX_TTL: "-1" })).toThrow(
      /LOCAL_PLATFORM_ACCESS_KEY_MAX_TTL must be a whole number of seconds/,
    );
  });
});
