import { compactVerify, errors, importJWK, type JSONWebKeySet, type JWK } from "jose";
import { API_VERSION } from "@/lib/scope/constants";
import type { DecodedToken } from "@/lib/token/decode";
import { ALG_KEY_TYPES, spkiThumbprint } from "@/lib/token/keys";

/**
 * Checks a token's signature in the browser against a JWKS (the platform's, or a pasted key as a set).
 * Only the signature: expiry is reported separately (time.ts), so an expired token can be "verified".
 */

export type VerifyFailure = "unknown-kid" | "signature-mismatch" | "algorithm-mismatch";
export type NotChecked = "unsafe-alg" | "no-keys" | "unsupported-alg" | "invalid-key";

export type VerifyResult =
  | { verdict: "verified"; reason: string; kid?: string }
  | { verdict: "failed"; code: VerifyFailure; reason: string }
  | { verdict: "not-checked"; code: NotChecked; reason: string };

export type KeySet = { jwks: JSONWebKeySet; label: string };

/**
 * What to say when the platform publishes no signing keys (GET /api/jwks answers 404): not a broken
 * token, just nothing to check against, and how to check with a pasted certificate instead.
 */
/** Said by the server's key lookup and by the viewer and inspector alike. */
export const KEYS_NOT_PUBLISHED =
  "This platform does not publish its token signing keys where the console can read them.";
export const HOW_TO_VERIFY = `To verify a token, paste the platform's token CA certificate as the public key: tokenCaCert of a cluster's agent config (GET …/${API_VERSION}/clusters/<cluster>/agentconfig, base64-encoded PEM), or on the local platform the file DATA_DIR/token-ca.pem.`;
export const NO_PUBLISHED_KEYS = `${KEYS_NOT_PUBLISHED} The signature was not checked. ${HOW_TO_VERIFY}`;

const kidText = (kid: string | undefined) => (kid ? `"${kid}"` : "(none)");

/** Checks `token`'s signature against the keys of `jwks` that match its kid and algorithm. */
export async function verifyToken(
  token: DecodedToken,
  { jwks, label }: KeySet,
): Promise<VerifyResult> {
  const { alg, kid } = token.header;
  if (token.unsafe || !alg || alg.toLowerCase() === "none") {
    return {
      verdict: "not-checked",
      code: "unsafe-alg",
      reason: 'The token is unsigned ("alg": "none"); there is no signature to check.',
    };
  }
  if (jwks.keys.length === 0) {
    return { verdict: "not-checked", code: "no-keys", reason: `${capital(label)} has no keys.` };
  }
  if (!ALG_KEY_TYPES[alg]) return unsupportedAlgorithm(alg, label);

  const thumbprints = kid ? await thumbprintMatches(jwks.keys, kid, alg) : new Map<JWK, string>();
  const byKid = jwks.keys.filter(
    (key) => !kid || !key.kid || key.kid === kid || thumbprints.has(key),
  );
  if (byKid.length === 0) {
    const known = jwks.keys.map((key) => kidText(key.kid)).join(", ");
    return {
      verdict: "failed",
      code: "unknown-kid",
      reason: `Unknown key id: no key in ${label} has kid ${kidText(kid)} (it has ${known}). The token was signed by another platform or a rotated key.`,
    };
  }
  const usable = byKid.filter((key) => fits(key, alg));
  if (usable.length === 0) {
    const key = byKid[0]!;
    const has = key.alg ?? `${key.kty}${key.crv ? ` ${key.crv}` : ""}`;
    return {
      verdict: "failed",
      code: "algorithm-mismatch",
      reason: `Algorithm mismatch: the token says ${alg}, but the key${key.kid ? ` ${kidText(key.kid)}` : ""} is for ${has}.`,
    };
  }
  return checkSignature(token, usable, { alg, kid, label, thumbprints });
}

/** An algorithm no public key can check: a shared-secret one (HS*) fails, any other is not checked. */
function unsupportedAlgorithm(alg: string, label: string): VerifyResult {
  return alg.startsWith("HS")
    ? {
        verdict: "failed",
        code: "algorithm-mismatch",
        reason: `The token says ${alg}, a shared-secret algorithm; ${label} holds public keys, which cannot sign ${alg}. Platform tokens are signed with RS256.`,
      }
    : {
        verdict: "not-checked",
        code: "unsupported-alg",
        reason: `The algorithm ${alg} is not supported.`,
      };
}

/**
 * The keys without that kid whose SPKI thumbprint is `kid` (Kubernetes' signer sets
 * kid = base64url(SHA-256(DER SubjectPublicKeyInfo)); pasted certificates and PEM keys have no kid).
 */
async function thumbprintMatches(keys: JWK[], kid: string, alg: string) {
  const thumbprints = new Map<JWK, string>();
  await Promise.all(
    keys.map(async (key) => {
      if (key.kid === kid || !fits(key, alg)) return;
      const thumbprint = await spkiThumbprint(key, alg);
      if (thumbprint === kid) thumbprints.set(key, thumbprint);
    }),
  );
  return thumbprints;
}

/** Tries each usable key in turn: verified by the first whose signature matches. */
async function checkSignature(
  token: DecodedToken,
  usable: JWK[],
  match: { alg: string; kid: string | undefined; label: string; thumbprints: Map<JWK, string> },
): Promise<VerifyResult> {
  const { alg, kid, label, thumbprints } = match;
  for (const key of usable) {
    let cryptoKey;
    try {
      cryptoKey = await importJWK(key, alg);
    } catch (error) {
      return {
        verdict: "not-checked",
        code: "invalid-key",
        reason: `The key${key.kid ? ` ${kidText(key.kid)}` : ""} in ${label} could not be used: ${(error as Error).message}`,
      };
    }
    try {
      await compactVerify(token.token, cryptoKey, { algorithms: [alg] });
      const byThumbprint = kid !== undefined && key.kid !== kid && thumbprints.has(key);
      return {
        verdict: "verified",
        kid: key.kid ?? (byThumbprint ? kid : undefined),
        reason: byThumbprint
          ? `Signed with ${alg} by ${label}: kid matches the key's SPKI thumbprint (${kidText(kid)}).`
          : `Signed with ${alg} by ${key.kid ? `key ${kidText(key.kid)} of ` : ""}${label}.`,
      };
    } catch (error) {
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) {
        return {
          verdict: "failed",
          code: "signature-mismatch",
          reason: `The signature could not be checked: ${(error as Error).message}`,
        };
      }
    }
  }
  return {
    verdict: "failed",
    code: "signature-mismatch",
    reason: `Wrong key: the signature does not match ${label}${kid ? ` (kid ${kidText(kid)})` : ""}. The token was signed by a different key or changed after signing.`,
  };
}

function fits(key: JWK, alg: string): boolean {
  const family = ALG_KEY_TYPES[alg];
  if (!family || key.kty !== family.kty) return false;
  if (family.crv && key.crv && key.crv !== family.crv) return false;
  if (key.use && key.use !== "sig") return false;
  return !key.alg || key.alg === alg;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
