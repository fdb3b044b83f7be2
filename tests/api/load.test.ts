import { decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTokenAudit } from "@/lib/local-platform";
import { signingKeyOf } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/** 20 concurrent issuers, 25 tokens each, over real HTTP on 127.0.0.1. */
const ISSUERS = 20;
const PER_ISSUER = 25;
const TOKENS = `${API_PREFIX}/directclusterendpointtokens`;

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe("load", () => {
  it("20 concurrent issuers: every answer 201, every token verifies, one audit row per token", async () => {
    const headers = { authorization: `Bearer ${t.adminKey}`, "content-type": "application/json" };
    const statuses: number[] = [];
    const tokens: string[] = [];
    const issuer = async (w: number) => {
      for (let i = 0; i < PER_ISSUER; i++) {
        const res = await fetch(`${t.origin}${TOKENS}`, {
          method: "POST",
          headers,
          body: JSON.stringify({
            apiVersion: "management.loft.sh/v1",
            kind: "DirectClusterEndpointToken",
            spec: {
              ttl: 600 + i,
              scope: {
                projects: [{ project: "default" }],
                virtualClusters: [{ project: "payments", virtualCluster: `vc-${w}-${i}` }],
              },
            },
          }),
        });
        statuses.push(res.status);
        const body = (await res.json()) as { status?: { token?: string } };
        if (res.status === 201 && body.status?.token) tokens.push(body.status.token);
      }
    };
    await Promise.all(Array.from({ length: ISSUERS }, (_, w) => issuer(w)));

    expect(statuses.length).toBe(ISSUERS * PER_ISSUER);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(tokens.length).toBe(ISSUERS * PER_ISSUER);

    const key = await signingKeyOf(t.dataDir);
    const jtis: string[] = [];
    const failures: string[] = [];
    for (const token of tokens) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: t.origin,
          algorithms: ["RS256"],
        });
        jtis.push(payload.jti!);
      } catch (error) {
        failures.push(`${decodeJwt(token).jti}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(new Set(jtis).size).toBe(jtis.length);

    // Exactly one audit row per token issued: same jtis, no extra rows, no duplicates.
    const audit = readTokenAudit(t.dataDir);
    expect(audit.length).toBe(jtis.length);
    expect(audit.map((r) => r.jti).sort()).toEqual([...jtis].sort());
    const byJti = new Map(audit.map((r) => [r.jti, r]));
    for (const token of tokens.slice(0, 20)) {
      const claims = decodeJwt(token);
      const row = byJti.get(claims.jti!)!;
      expect(row).toMatchObject({ user: "admin", iat: claims.iat, exp: claims.exp });
      expect(row.scope).toEqual((claims["loft.sh"] as { scope: unknown }).scope);
      expect(JSON.stringify(row)).not.toContain(token.split(".")[2]);
    }
  });
});
