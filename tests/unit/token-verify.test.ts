import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK } from "jose";
import { assert, beforeAll, describe, expect, it } from "vitest";
import { decodeToken, type DecodedToken } from "@/lib/token/decode";
import { parsePublicKey, spkiThumbprint } from "@/lib/token/keys";
import { verifyToken } from "@/lib/token/verify";

type Pair = Awaited<ReturnType<typeof generateKeyPair>>;
let platform: Pair;
let other: Pair;
let platformJwk: JWK;

const decoded = (token: string) => {
  const result = decodeToken(token);
  if (!result.ok) throw new Error(result.message);
  return result as DecodedToken;
};
const sign = (
  pair: Pair,
  header: Record<string, unknown> = { alg: "RS256", kid: "k1" },
  exp = 3600,
) =>
  new SignJWT({ sub: "admin" })
    .setProtectedHeader({ alg: "RS256", ...header })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + exp)
    .sign(pair.privateKey);
const jwks = (...keys: JWK[]) => ({ jwks: { keys }, label: "the platform's keys" });

beforeAll(async () => {
  platform = await generateKeyPair("RS256", { extractable: true });
  other = await generateKeyPair("RS256", { extractable: true });
  platformJwk = { ...(await exportJWK(platform.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
});

describe("verifyToken against a JWKS", () => {
  it("verifies a token signed by the platform key", async () => {
    const result = await verifyToken(decoded(await sign(platform)), jwks(platformJwk));
    expect(result).toMatchObject({ verdict: "verified", kid: "k1" });
    expect(result.reason).toBe('Signed with RS256 by key "k1" of the platform\'s keys.');
  });

  it("verifies an expired token: time is not a signature failure", async () => {
    const result = await verifyToken(
      decoded(await sign(platform, undefined, -86_400)),
      jwks(platformJwk),
    );
    expect(result.verdict).toBe("verified");
  });

  it("fails with unknown kid", async () => {
    const result = await verifyToken(
      decoded(await sign(platform, { kid: "rotated" })),
      jwks(platformJwk),
    );
    expect(result).toMatchObject({ verdict: "failed", code: "unknown-kid" });
    expect(result.reason).toMatch(
      /no key in the platform's keys has kid "rotated" \(it has "k1"\)/,
    );
  });

  it("fails with wrong key when the signature does not match", async () => {
    const result = await verifyToken(decoded(await sign(other)), jwks(platformJwk));
    expect(result).toMatchObject({ verdict: "failed", code: "signature-mismatch" });
    expect(result.reason).toMatch(/^Wrong key: the signature does not match/);
  });

  it("fails when a payload was changed after signing", async () => {
    const [h, , s] = (await sign(platform)).split(".");
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: "root" })).toString("base64url")}.${s}`;
    expect(await verifyToken(decoded(forged), jwks(platformJwk))).toMatchObject({
      code: "signature-mismatch",
    });
  });

  it("fails with algorithm mismatch", async () => {
    const { privateKey: psKey } = await generateKeyPair("PS256");
    const ps = await new SignJWT({}).setProtectedHeader({ alg: "PS256", kid: "k1" }).sign(psKey);
    expect(await verifyToken(decoded(ps), jwks(platformJwk))).toMatchObject({
      verdict: "failed",
      code: "algorithm-mismatch",
      reason: 'Algorithm mismatch: the token says PS256, but the key "k1" is for RS256.',
    });
    const hs = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .sign(new Uint8Array(32));
    expect(await verifyToken(decoded(hs), jwks(platformJwk))).toMatchObject({
      code: "algorithm-mismatch",
    });
  });

  it("does not check alg none or an empty key set", async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from("{}").toString("base64url")}.`;
    expect(await verifyToken(decoded(none), jwks(platformJwk))).toMatchObject({
      verdict: "not-checked",
      code: "unsafe-alg",
    });
    expect(await verifyToken(decoded(await sign(platform)), jwks())).toMatchObject({
      verdict: "not-checked",
      code: "no-keys",
    });
  });
});

describe("parsePublicKey + verifyToken with a pasted key", () => {
  it("verifies with a PEM SPKI key and fails with another one", async () => {
    const token = decoded(await sign(platform));
    const good = await parsePublicKey(await exportSPKI(platform.publicKey));
    expect(good).toMatchObject({ ok: true });
    assert(good.ok);
    expect(await verifyToken(token, good)).toMatchObject({ verdict: "verified" });
    const bad = await parsePublicKey(await exportSPKI(other.publicKey));
    expect(bad).toMatchObject({ ok: true });
    assert(bad.ok);
    expect(await verifyToken(token, bad)).toMatchObject({
      verdict: "failed",
      code: "signature-mismatch",
    });
  });

  it("verifies with a JWK without kid, and with a JWK Set", async () => {
    const token = decoded(await sign(platform));
    const bare = await parsePublicKey(JSON.stringify(await exportJWK(platform.publicKey)));
    expect(bare).toMatchObject({ ok: true, label: "the pasted JWK" });
    assert(bare.ok);
    expect((await verifyToken(token, bare)).verdict).toBe("verified");
    const set = await parsePublicKey(JSON.stringify({ keys: [platformJwk] }));
    expect(set).toMatchObject({ ok: true });
    assert(set.ok);
    expect((await verifyToken(token, set)).verdict).toBe("verified");
  });

  it("says an EC key does not fit an RS256 token", async () => {
    const ec = await generateKeyPair("ES256", { extractable: true });
    const parsed = await parsePublicKey(await exportSPKI(ec.publicKey));
    expect(parsed).toMatchObject({ ok: true });
    assert(parsed.ok);
    expect(await verifyToken(decoded(await sign(platform)), parsed)).toMatchObject({
      code: "algorithm-mismatch",
      reason: "Algorithm mismatch: the token says RS256, but the key is for EC P-256.",
    });
  });

  it.each([
    ["", /field is empty/],
    ["hello", /expected a PEM block/],
    ["-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----", /private key \(PRIVATE KEY\)/],
    ["-----BEGIN RSA PUBLIC KEY-----\nabc\n-----END RSA PUBLIC KEY-----", /PKCS#1.*openssl/],
    ["-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", /could not be read/],
    ["{nope", /not valid JSON/],
    ['{"n":"x"}', /has no "kty"/],
    ['{"kty":"RSA","n":"x","e":"AQAB","d":"secret"}', /private key \(it has "d"\)/],
    ['{"kty":"oct","k":"c2VjcmV0"}', /shared secret/],
    ['{"keys":[]}', /has no keys/],
  ])("rejects key %j", async (text, message) => {
    expect(await parsePublicKey(text)).toMatchObject({
      ok: false,
      message: expect.stringMatching(message),
    });
  });
});

describe("kid as the key's SPKI thumbprint", () => {
  const thumbprintOf = async (pair: Pair) => {
    const pem = await exportSPKI(pair.publicKey);
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
    return Buffer.from(await crypto.subtle.digest("SHA-256", der)).toString("base64url");
  };

  it("computes base64url(SHA-256(DER SPKI))", async () => {
    expect(await spkiThumbprint(platformJwk, "RS256")).toBe(await thumbprintOf(platform));
  });

  it("matches a pasted PEM key (no kid) when the token's kid is its thumbprint", async () => {
    const kid = await thumbprintOf(platform);
    const pasted = await parsePublicKey(await exportSPKI(platform.publicKey));
    expect(pasted).toMatchObject({ ok: true });
    assert(pasted.ok);
    const result = await verifyToken(decoded(await sign(platform, { kid })), pasted);
    expect(result).toMatchObject({ verdict: "verified", kid });
    expect(result.reason).toContain("kid matches the key's SPKI thumbprint");
  });

  it("matches a JWKS key whose own kid differs when the token's kid is its thumbprint", async () => {
    const kid = await thumbprintOf(platform);
    const otherJwk = { ...(await exportJWK(other.publicKey)), kid: "other" };
    const result = await verifyToken(
      decoded(await sign(platform, { kid })),
      jwks(otherJwk, { ...platformJwk, kid: "named-differently" }),
    );
    expect(result.verdict).toBe("verified");
    expect(result.reason).toContain("kid matches the key's SPKI thumbprint");
  });

  it("still reports an unknown kid when neither kid nor thumbprint matches", async () => {
    const result = await verifyToken(
      decoded(await sign(platform, { kid: await thumbprintOf(other) })),
      jwks(platformJwk),
    );
    expect(result).toMatchObject({ verdict: "failed", code: "unknown-kid" });
  });
});
