import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { keysFromJwks, keysFromPem, spkiKid } from "@/lib/management/signing-keys";

describe("signing keys for the verifier", () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = publicKey.export({ type: "spki", format: "pem" }).toString();

  it("gives a PEM public key the Kubernetes signer's kid: base64url(SHA-256(DER SPKI))", () => {
    const der = publicKey.export({ type: "spki", format: "der" });
    const expected = crypto.createHash("sha256").update(der).digest("base64url");
    expect(spkiKid(publicKey)).toBe(expected);
    expect(expected).toHaveLength(43);
    const [key] = keysFromPem(`junk before\n${pem}\njunk after`);
    expect(key).toMatchObject({ kty: "RSA", kid: expected, use: "sig" });
    expect(key).not.toHaveProperty("d");
  });

  it("never reads a private key out of PEM text", () => {
    const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(keysFromPem(privatePem)).toEqual([]);
  });

  it("keeps only public keys of a JWK Set", () => {
    const jwk = publicKey.export({ format: "jwk" });
    const secret = privateKey.export({ format: "jwk" });
    expect(keysFromJwks({ keys: [jwk, secret, { kty: "oct", k: "c2VjcmV0" }, "x", null] })).toEqual(
      [jwk],
    );
    expect(keysFromJwks(jwk)).toEqual([jwk]);
  });
});
