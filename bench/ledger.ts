import crypto from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import { openStore, type StoreLocation } from "@/lib/store/store-db";
import { timed } from "./server";

/**
 * The Issued tokens page under a full ledger: `count` entries for the user who issued the newest one
 * (same user and platform as the signed-in session), written straight into the console store.
 */
export async function seedLedger(location: StoreLocation, count: number): Promise<string> {
  const store = await openStore(location);
  try {
    const newest = await store.db
      .selectFrom("ledger")
      .select(["user_name", "principal", "principal_uid", "platform"])
      .orderBy("issued_at", "desc")
      .executeTakeFirstOrThrow();
    const now = Date.now();
    for (let start = 0; start < count; start += 500) {
      const rows = Array.from({ length: Math.min(500, count - start) }, (_, j) => {
        const i = start + j;
        const issuedAt = now - (i + 1) * 60_000;
        return {
          id: crypto.randomUUID(),
          user_name: newest.user_name,
          principal: newest.principal,
          principal_uid: newest.principal_uid,
          platform: newest.platform,
          token_id: crypto.randomUUID(),
          fingerprint: crypto.randomBytes(32).toString("base64url"),
          requested: JSON.stringify({
            ttl: 86_400 * 30,
            scope: { projects: [{ project: "default" }] },
          }),
          issued_scope: JSON.stringify({
            virtualClusters: [{ project: "default", virtualCluster: `vc-${i % 97}` }],
          }),
          requested_ttl: 86_400 * 30,
          issued_at: issuedAt,
          expires_at: issuedAt + (i % 3 === 0 ? -1 : 30) * 86_400_000,
          generation: 0,
          note: i % 2 ? `bench token ${i}` : null,
          reach: null,
          revoked_at: i % 11 === 0 ? now : null,
        };
      });
      await store.db.insertInto("ledger").values(rows).execute();
    }
    return newest.user_name;
  } finally {
    await store.close();
  }
}

/** Server time of a signed-in page: the whole HTML document over loopback, `times` requests. */
export async function pageServerTime(context: BrowserContext, url: string, times: number) {
  const cookie = (await context.cookies(url)).map((c) => `${c.name}=${c.value}`).join("; ");
  // Warm the route once (first render compiles nothing in production, but fills caches).
  await fetch(url, { headers: { cookie } }).then((r) => r.text());
  return timed(times, async () => {
    const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
    const html = await res.text();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    if (!html.includes("bench token")) throw new Error(`${url} did not list the seeded entries`);
  });
}
