import fs from "node:fs";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIntegrity, readTokenAudit } from "@/lib/local-platform";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

const TOKENS = `${API_PREFIX}/directclusterendpointtokens`;
const request = (spec: unknown, metadata: unknown = {}) => ({
  apiVersion: "management.loft.sh/v1",
  kind: "DirectClusterEndpointToken",
  metadata,
  spec,
});

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

async function verify(token: string, origin: string) {
  const config = await (await fetch(`${origin}/.well-known/openid-configuration`)).json();
  const jwks = createRemoteJWKSet(new URL(config.jwks_uri));
  return jwtVerify(token, jwks, { issuer: config.issuer, algorithms: ["RS256"] });
}

describe("directclusterendpointtokens", () => {
  it("issues an RS256 token (201) that verifies against the published JWKS", async () => {
    const scope = {
      projects: [{ project: "default" }],
      virtualClusters: [{ project: "payments", virtualCluster: "*" }],
    };
    const res = await t.call("POST", TOKENS, { body: request({ ttl: 600, scope }) });
    expect(res.status).toBe(201);
    expect(res.body.kind).toBe("DirectClusterEndpointToken");
    const token: string = res.body.status.token;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256" });
    expect(decodeProtectedHeader(token).kid).toBeTruthy();

    const { payload } = await verify(token, t.origin);
    expect(payload.iss).toBe(t.origin);
    expect(payload.sub).toBe("admin");
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload["loft.sh"]).toMatchObject({ name: "admin", kind: "User", gen: 1, scope });
    expect((payload["loft.sh"] as { uid: string }).uid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("accepts the reference's object.yaml body: empty metadata, a status, no name", async () => {
    const res = await t.call("POST", TOKENS, {
      body: { ...request({}, { creationTimestamp: null }), status: { token: "ignored" } },
    });
    expect(res.status).toBe(201);
    expect(res.body.status.token).not.toBe("ignored");
  });

  it("defaults the TTL to TOKEN_DEFAULT_TTL (1 day) and rejects one above TOKEN_MAX_TTL with 422", async () => {
    const res = await t.call("POST", TOKENS, { body: request({}) });
    const { payload } = await verify(res.body.status.token, t.origin);
    expect(payload.exp! - payload.iat!).toBe(86_400);

    const max = 90 * 86_400;
    expect((await t.call("POST", TOKENS, { body: request({ ttl: max }) })).status).toBe(201);
    const tooLong = await t.call("POST", TOKENS, { body: request({ ttl: max + 1 }) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatchObject({
      kind: "Status",
      reason: "Invalid",
      code: 422,
      details: {
        kind: "DirectClusterEndpointToken",
        causes: [{ field: "spec.ttl", reason: "FieldValueInvalid" }],
      },
    });
  });

  it("validates with the shared schema: one cause per problem with field paths", async () => {
    const res = await t.call("POST", TOKENS, {
      body: request({
        ttl: -5,
        bogus: true,
        scope: {
          spaces: [{ space: "dev" }],
          virtualClusters: [{ project: "Not_A_Label", virtualCluster: "x" }],
          rules: [
            {
              resources: [{ group: "", resourceNames: ["a"] }],
              nonResourceURLs: ["/a*/b"],
              requestTargets: ["Nowhere"],
            },
          ],
        },
      }),
    });
    expect(res.status).toBe(422);
    const fields = res.body.details.causes.map((c: { field: string }) => c.field).sort();
    expect(fields).toEqual(
      [
        "spec.bogus",
        "spec.scope.rules[0].nonResourceURLs[0]",
        "spec.scope.rules[0].requestTargets[0]",
        "spec.scope.rules[0].resources[0].resourceNames",
        "spec.scope.spaces[0].project",
        "spec.scope.virtualClusters[0].project",
        "spec.ttl",
      ].sort(),
    );
    const required = res.body.details.causes.find(
      (c: { field: string }) => c.field === "spec.scope.spaces[0].project",
    );
    expect(required.reason).toBe("FieldValueRequired");
    expect(res.body.message).toContain("is invalid");
  });

  it("records every issuance for audit, without the token", async () => {
    const res = await t.call("POST", TOKENS, {
      body: request({ ttl: 42, scope: { projects: [{ project: "*" }] } }),
    });
    const token: string = res.body.status.token;
    const { payload } = await verify(token, t.origin);
    const row = readTokenAudit(t.dataDir).find((r) => r.jti === payload.jti);
    expect(row).toMatchObject({
      user: "admin",
      scope: { projects: [{ project: "*" }] },
      iat: payload.iat,
      exp: payload.iat! + 42,
      remoteAddress: "127.0.0.1",
    });
    expect(JSON.stringify(readTokenAudit(t.dataDir))).not.toContain(token.split(".")[2]);
    expect(checkIntegrity(t.dataDir)).toBe("ok");
  });

  it("publishes only public keys in the JWKS", async () => {
    const jwks = await (await fetch(`${t.origin}/.well-known/jwks.json`)).json();
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
      for (const secret of ["d", "p", "q", "dp", "dq", "qi"])
        expect(key).not.toHaveProperty(secret);
    }
  });
});

describe("restart on the same DATA_DIR", () => {
  it("keeps the signing key, so a token issued before verifies after; data persists", async () => {
    const first = await startTestPlatform();
    const issued = await first.call("POST", TOKENS, { body: request({ ttl: 3600 }) });
    const created = await first.call("POST", `${API_PREFIX}/projects`, {
      body: { apiVersion: "management.loft.sh/v1", kind: "Project", metadata: { name: "kept" } },
    });
    expect(created.status).toBe(201);
    const kid = decodeProtectedHeader(issued.body.status.token).kid;
    await first.close({ keepData: true });

    const second = await startTestPlatform({ dataDir: first.dataDir, adminKey: first.adminKey });
    try {
      // The issuer names the (new) origin; the key is the same one.
      const jwks = createRemoteJWKSet(new URL(`${second.origin}/.well-known/jwks.json`));
      const { payload, protectedHeader } = await jwtVerify(issued.body.status.token, jwks, {
        issuer: first.origin,
      });
      expect(protectedHeader.kid).toBe(kid);
      expect(payload.sub).toBe("admin");
      expect((await second.call("GET", `${API_PREFIX}/projects/kept`)).status).toBe(200);
      expect(readTokenAudit(second.dataDir).length).toBe(1);
    } finally {
      await second.close();
      fs.rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
