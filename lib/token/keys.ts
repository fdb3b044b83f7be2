import {
  base64url,
  exportJWK,
  importJWK,
  importSPKI,
  importX509,
  type JSONWebKeySet,
  type JWK,
} from "jose";

/**
 * A public key pasted by the user, as a JWKS: PEM (SPKI "PUBLIC KEY" or an X.509 "CERTIFICATE"),
 * a JWK or a JWK Set in JSON. Private keys are refused, never used.
 */

export type ParsedKey =
  { ok: true; jwks: JSONWebKeySet; label: string } | { ok: false; message: string };

/** Algorithm families, to tell an algorithm mismatch from a wrong key. */
export const ALG_KEY_TYPES: Record<string, { kty: string; crv?: string }> = {
  RS256: { kty: "RSA" },
  RS384: { kty: "RSA" },
  RS512: { kty: "RSA" },
  PS256: { kty: "RSA" },
  PS384: { kty: "RSA" },
  PS512: { kty: "RSA" },
  ES256: { kty: "EC", crv: "P-256" },
  ES384: { kty: "EC", crv: "P-384" },
  ES512: { kty: "EC", crv: "P-521" },
  EdDSA: { kty: "OKP" },
  Ed25519: { kty: "OKP", crv: "Ed25519" },
};

/**
 * base64url(SHA-256(DER SubjectPublicKeyInfo)) of a public key: the key id Kubernetes' token signer
 * sets (`kid`), which platform tokens appear to follow. A pasted certificate or PEM key carries no
 * kid, so this is how such a key is matched to a token's kid. Undefined when the key cannot be read
 * for `alg`.
 */
export async function spkiThumbprint(jwk: JWK, alg: string): Promise<string | undefined> {
  try {
    if ("d" in jwk) return undefined; // never a private key
    const key = await importJWK(jwk, alg, { extractable: true });
    if (key instanceof Uint8Array) return undefined;
    const der = await crypto.subtle.exportKey("spki", key);
    return base64url.encode(new Uint8Array(await crypto.subtle.digest("SHA-256", der)));
  } catch {
    return undefined;
  }
}

const PROBE_ALGS = ["RS256", "ES256", "ES384", "ES512", "Ed25519"] as const;

export async function parsePublicKey(text: string): Promise<ParsedKey> {
  const value = text.trim();
  if (!value) return { ok: false, message: "Paste a public key: the field is empty." };
  if (value.startsWith("{")) return parseJwkJson(value);
  const pem = value.match(/-----BEGIN ([A-Z0-9 ]+)-----/)?.[1];
  if (!pem) {
    return {
      ok: false,
      message: "Not a key: expected a PEM block (-----BEGIN PUBLIC KEY-----) or a JWK in JSON.",
    };
  }
  if (pem.includes("PRIVATE")) {
    return {
      ok: false,
      message: `This is a private key (${pem}). Paste only the public key; a private key must never leave its owner.`,
    };
  }
  if (pem === "RSA PUBLIC KEY") {
    return {
      ok: false,
      message:
        "This is a PKCS#1 RSA key. Convert it to SPKI: openssl rsa -RSAPublicKey_in -in key.pem -pubout",
    };
  }
  if (pem !== "PUBLIC KEY" && pem !== "CERTIFICATE") {
    return {
      ok: false,
      message: `Unsupported PEM block "${pem}": paste a PUBLIC KEY or a CERTIFICATE.`,
    };
  }
  for (const alg of PROBE_ALGS) {
    try {
      const key =
        pem === "CERTIFICATE"
          ? await importX509(value, alg, { extractable: true })
          : await importSPKI(value, alg, { extractable: true });
      const jwk = await exportJWK(key);
      return {
        ok: true,
        jwks: { keys: [jwk] },
        label: `the pasted ${pem === "CERTIFICATE" ? "certificate" : "public key"}`,
      };
    } catch {
      // Try the next key type.
    }
  }
  return {
    ok: false,
    message: `The ${pem} block could not be read as an RSA, EC or Ed25519 key (is it complete?).`,
  };
}

function parseJwkJson(value: string): ParsedKey {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (error) {
    return { ok: false, message: `The key is not valid JSON: ${(error as Error).message}` };
  }
  const record = json as Record<string, unknown>;
  const keys = Array.isArray(record.keys) ? (record.keys as unknown[]) : [json];
  if (keys.length === 0) return { ok: false, message: "The JWK Set has no keys." };
  for (const [i, key] of keys.entries()) {
    const where = keys.length > 1 ? `Key ${i + 1}` : "The JWK";
    if (typeof key !== "object" || key === null || typeof (key as JWK).kty !== "string") {
      return { ok: false, message: `${where} has no "kty": it is not a JSON Web Key.` };
    }
    if ("d" in key) {
      return {
        ok: false,
        message: `${where} is a private key (it has "d"). Paste only the public key.`,
      };
    }
    if ((key as JWK).kty === "oct") {
      return {
        ok: false,
        message: `${where} is a shared secret ("kty": "oct"), not a public key.`,
      };
    }
  }
  return {
    ok: true,
    jwks: { keys: keys as JWK[] },
    label: keys.length > 1 ? "the pasted JWK Set" : "the pasted JWK",
  };
}
