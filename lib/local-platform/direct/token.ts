import crypto, { type KeyObject } from "node:crypto";
import type { OwnerFacts, TokenFacts } from "@/lib/explain/facts";
import { tokenGenerationOf } from "../resources/users";
import type { Signer } from "../signer";
import type { ApiObject, Store } from "../store";

/**
 * What the direct endpoint establishes about a bearer JWT before deciding on it with
 * `explainAccess` (lib/explain/checks.ts): whether this platform's signing key signed it (RS256,
 * header `alg` RS256 and `kid` the key's), its claims, and — only for a genuine token — its owner
 * (the user or team with the token's `loft.sh.uid`, and a user's `spec.tokenGeneration`).
 */

const publicKeys = new WeakMap<Signer, KeyObject>();
const publicKeyOf = (signer: Signer) => {
  let key = publicKeys.get(signer);
  if (!key) {
    key = crypto.createPublicKey(signer.privateKey);
    publicKeys.set(signer, key);
  }
  return key;
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const COMPACT_JWS = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\s*$/i;
const MAX_HEADER = 16_384;

/**
 * Whether a direct endpoint request's bearer looks like a JWT, and so goes the token path: three
 * dot-separated base64url parts whose first decodes to a JSON object (a JOSE header). Anything
 * else is taken for an access key (the platform's own are 64 base64url characters, no dots).
 */
export function isTokenBearer(authorization: string | undefined): boolean {
  const header = authorization ?? "";
  if (header.length > MAX_HEADER) return false;
  const match = COMPACT_JWS.exec(header);
  return match !== null && decodePart(match[1]!) !== undefined;
}

/** The signature's verdict and the claims (not trusted unless the signature is valid). */
function verifyBearer(signer: Signer, authorization: string): TokenFacts {
  const match = authorization.length <= MAX_HEADER ? COMPACT_JWS.exec(authorization) : null;
  if (!match) return { kind: "token", signature: "invalid" };
  const [, head, body, signature] = match as unknown as [string, string, string, string];
  const claims = decodePart(body);
  const jose = decodePart(head);
  if (!jose || jose.alg !== "RS256" || jose.kid !== signer.kid) {
    return {
      kind: "token",
      claims,
      signature: "invalid",
      signatureEvidence: `The token's header (alg ${String(jose?.alg)}, kid ${String(jose?.kid)}) does not name this platform's signing key (RS256, kid ${signer.kid}).`,
    };
  }
  const valid = crypto.verify(
    "sha256",
    Buffer.from(`${head}.${body}`),
    publicKeyOf(signer),
    Buffer.from(signature, "base64url"),
  );
  return { kind: "token", claims, signature: valid ? "valid" : "invalid" };
}

/** The owner a genuine token names: still there with its uid, and a user's token generation. */
function ownerOf(
  store: Store,
  claims: Record<string, unknown> | undefined,
): { owner?: OwnerFacts; object?: ApiObject } {
  const loft = claims?.["loft.sh"];
  if (!isRecord(loft) || (loft.kind !== "User" && loft.kind !== "Team")) return {};
  if (typeof loft.name !== "string") return {};
  const kind = loft.kind;
  const found = store.get(kind === "Team" ? "teams" : "users", "", loft.name);
  const object = found && found.metadata.uid === loft.uid ? found : undefined;
  const owner: OwnerFacts = { kind, name: loft.name, exists: object !== undefined };
  if (object && kind === "User") owner.tokenGeneration = tokenGenerationOf(object);
  return { owner, object };
}

export interface TokenReading {
  credential: TokenFacts;
  owner: OwnerFacts;
  /** The owner's User or Team object when it still exists (uid and all). */
  object?: ApiObject;
}

/** Verifies a bearer JWT and, when genuine, looks its owner up. */
export function readToken(store: Store, signer: Signer, authorization: string): TokenReading {
  const credential = verifyBearer(signer, authorization);
  if (credential.signature !== "valid") return { credential, owner: {} };
  const { owner = {}, object } = ownerOf(store, credential.claims);
  return { credential, owner, object };
}
