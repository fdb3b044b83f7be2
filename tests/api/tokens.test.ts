import crypto from "node:crypto";
import fs from "node:fs";
import { decodeProtectedHeader, importX509, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIntegrity, readTokenAudit } from "@/lib/local-platform";
import { createKey, signingKeyOf } from "@/tests/support/keys";
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
  return jwtVerify(token, await signingKeyOf(t.dataDir), { issuer: origin, algorithms: ["RS256"] });
}

const AGENTCONFIG = `${API_PREFIX}/clusters/loft-cluster/agentconfig`;

describe("directclusterendpointtokens", () => {
  it("issues an RS256 token (201) that verifies against DATA_DIR/token-ca.pem", async () => {
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
    expect(payload["loft.sh"]).toMatchObject({ name: "admin", kind: "User", scope });
    // The admin's spec.tokenGeneration is unset (0), and a 0 is omitted (omitempty).
    expect(payload["loft.sh"]).not.toHaveProperty("gen");
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
});

describe("token format and signing certificate (as the real platform's)", () => {
  it("header {alg, kid} without typ; kid = base64url(SHA-256(SPKI DER)) of agentconfig's tokenCaCert, which verifies the token", async () => {
    const res = await t.call("POST", TOKENS, { body: request({ ttl: 60 }) });
    const token: string = res.body.status.token;
    const header = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString());
    expect(Object.keys(header)).toEqual(["alg", "kid"]);
    expect(header.alg).toBe("RS256");

    const agent = await t.call("GET", AGENTCONFIG);
    expect(agent.status).toBe(200);
    expect(agent.body).toMatchObject({
      apiVersion: "management.loft.sh/v1",
      kind: "ClusterAgentConfig",
      metadata: { name: "loft-cluster" },
      cluster: "loft-cluster",
    });
    // []byte in Go: standard base64 of the PEM.
    const pem = Buffer.from(agent.body.tokenCaCert, "base64").toString("utf8");
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(pem).toBe(fs.readFileSync(t.platform.tokenCaFile, "utf8"));
    const spki = new crypto.X509Certificate(pem).publicKey.export({ type: "spki", format: "der" });
    const kid = crypto.createHash("sha256").update(spki).digest("base64url");
    expect(header.kid).toBe(kid);
    expect(kid).toHaveLength(43);

    const { payload } = await jwtVerify(token, await importX509(pem, "RS256"), {
      issuer: t.origin,
    });
    expect(payload.sub).toBe("admin");
  });

  it("serializes the claims in alphabetical order, loft.sh as {uid, name, kind, scope} (gen 0 omitted)", async () => {
    const scope = { projects: [{ project: "default" }] };
    const res = await t.call("POST", TOKENS, { body: request({ ttl: 60, scope }) });
    const json = Buffer.from(res.body.status.token.split(".")[1], "base64url").toString();
    const claims = JSON.parse(json);
    expect(Object.keys(claims)).toEqual([
      "aud",
      "exp",
      "iat",
      "iss",
      "jti",
      "loft.sh",
      "nbf",
      "sub",
    ]);
    expect(claims.aud).toEqual(["https://kubernetes.default"]);
    expect(Object.keys(claims["loft.sh"])).toEqual(["uid", "name", "kind", "scope"]);
    expect(json).toContain('"aud":["https://kubernetes.default"],"exp":');
  });

  it("keeps token-ca.pem owner-only; agentconfig is for admins only (403 for a member)", async () => {
    expect(fs.statSync(t.platform.tokenCaFile).mode & 0o777).toBe(0o600);
    const alice = await createKey(t, { user: "alice" });
    const res = await t.call("GET", AGENTCONFIG, { key: alice });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ kind: "Status", reason: "Forbidden", code: 403 });
    expect(JSON.stringify(res.body)).not.toContain("tokenCaCert");
    expect((await t.call("GET", `${API_PREFIX}/clusters/nope/agentconfig`)).status).toBe(404);
  });

  it("serves no /.well-known documents at the origin (a real platform does not)", async () => {
    expect(t.platform.matches("/.well-known/openid-configuration")).toBe(false);
    expect(t.platform.matches("/.well-known/jwks.json")).toBe(false);
    const res = await fetch(`${t.origin}/.well-known/jwks.json`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("not the platform");
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
    const certificate = fs.readFileSync(first.platform.tokenCaFile, "utf8");
    await first.close({ keepData: true });

    const second = await startTestPlatform({ dataDir: first.dataDir, adminKey: first.adminKey });
    try {
      // The issuer names the (new) origin; the key and its certificate are the same ones.
      const agent = await second.call("GET", AGENTCONFIG);
      const pem = Buffer.from(agent.body.tokenCaCert, "base64").toString("utf8");
      expect(pem).toBe(certificate);
      const { payload, protectedHeader } = await jwtVerify(
        issued.body.status.token,
        await importX509(pem, "RS256"),
        { issuer: first.origin },
      );
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
