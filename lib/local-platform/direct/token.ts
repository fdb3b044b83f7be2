import crypto, { type KeyObject } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { readScope } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { isAdmin, ownerId, type Principal, type PrincipalKind } from "../auth";
import { TOKEN_AUDIENCE } from "../resources/tokens";
import { tokenGenerationOf } from "../resources/users";
import type { Signer } from "../signer";
import type { ApiObject, Store } from "../store";
import { unauthorized } from "../status";

/**
 * Who a direct endpoint request speaks for (a user or a team), once its credential is verified: a
 * Direct Cluster Endpoint Token or an access key (`principalOfKey`), the same shape either way, so
 * one authorization decides both.
 */
export interface TokenPrincipal {
  kind: PrincipalKind;
  /** metadata.name of the User or Team. For messages: identity checks compare `owner`. */
  name: string;
  /** The owner id (auth.ts `ownerId`): the user's name, or `team:<name>`. */
  owner: string;
  /** The User or Team object. */
  object: ApiObject;
  /** Platform admin; never a team. */
  admin: boolean;
  /** The token's `jti`; for an access key, the key's name. */
  jti: string;
  /** The access key's name when the credential is an access key (undefined for a token). */
  accessKey?: string;
  /** The credential's scope read with `readScope`; undefined = unrestricted. */
  scope?: AccessKeyScope;
  /**
   * Why the scope cannot be honoured (an invalid scope, or fields this platform does not
   * understand): such a token is refused everything rather than read more widely than written.
   */
  scopeProblem?: string;
}

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

/**
 * Whether a direct endpoint request's bearer looks like a JWT, and so goes the token path: three
 * dot-separated base64url parts whose first decodes to a JSON object (a JOSE header). Anything
 * else is taken for an access key (the platform's own are 64 base64url characters, no dots).
 */
export function isTokenBearer(req: IncomingMessage): boolean {
  const header = req.headers.authorization ?? "";
  if (header.length > 16_384) return false;
  const match = COMPACT_JWS.exec(header);
  return match !== null && decodePart(match[1]!) !== undefined;
}

/** The credential in messages: `the token's scope` or `the scope of access key "ci"`. */
export const scopeText = (principal: TokenPrincipal) =>
  principal.accessKey === undefined
    ? "the token's scope"
    : `the scope of access key "${principal.accessKey}"`;

/**
 * Reads a credential's raw scope with `readScope` into `principal` (absent = unrestricted); a scope
 * this platform cannot fully read sets `scopeProblem`, and the credential is refused everything.
 */
function applyScope(principal: TokenPrincipal, raw: unknown) {
  const read = readScope(raw);
  if (read.state === "valid") {
    principal.scope = read.scope;
    if (read.notUnderstood.length) {
      principal.scopeProblem = `${scopeText(principal)} has fields this platform does not understand (${read.notUnderstood
        .map((n) => n.field)
        .join(", ")}), so it is refused everything`;
    }
  } else if (read.state === "invalid") {
    principal.scopeProblem = `${scopeText(principal)} is invalid (${read.issues.join("; ")}), so it is refused everything`;
  }
}

/**
 * A direct endpoint principal from an authenticated access key (auth.ts `authenticateKey`, which
 * already refused a disabled, expired or deleted key and recorded its use): the key's owner (user
 * or team, admin or not), its `spec.scope` read as a token's is, and its name as `jti`.
 */
export function principalOfKey(key: Principal): TokenPrincipal {
  const principal: TokenPrincipal = {
    kind: key.kind,
    name: key.name,
    owner: key.owner,
    object: key.object,
    admin: key.admin,
    jti: key.accessKey,
    accessKey: key.accessKey,
  };
  applyScope(principal, key.scope);
  return principal;
}

/**
 * Authenticates `Authorization: Bearer <JWT>` on a direct cluster endpoint: only this platform's
 * own Direct Cluster Endpoint Tokens. Checked: RS256 with the signing key (header `alg` RS256,
 * `kid` the key's), `exp` and `nbf` (seconds, no leeway), `aud` containing
 * `https://kubernetes.default`, `loft.sh.kind` User or Team, and that the user or team still exists
 * with the same uid; for a user also a `spec.tokenGeneration` (absent = 0) not above the token's
 * `loft.sh.gen` (absent = 0). Teams have no token generation: a team's tokens live until they
 * expire or the team is deleted. Anything else (another key's token, an expired or malformed one,
 * one issued before the user raised their token generation) is 401. Bearers that do not look like
 * a JWT (`isTokenBearer`) never come here: the router authenticates them as access keys.
 */
export function authenticateToken(
  store: Store,
  signer: Signer,
  req: IncomingMessage,
  now = Date.now(),
): TokenPrincipal {
  const header = req.headers.authorization ?? "";
  const match = COMPACT_JWS.exec(header);
  if (!match || header.length > 16_384) throw unauthorized();
  const [, head, body, signature] = match as unknown as [string, string, string, string];
  const jose = decodePart(head);
  if (!jose || jose.alg !== "RS256" || jose.kid !== signer.kid) throw unauthorized();
  const valid = crypto.verify(
    "sha256",
    Buffer.from(`${head}.${body}`),
    publicKeyOf(signer),
    Buffer.from(signature, "base64url"),
  );
  if (!valid) throw unauthorized();
  const claims = decodePart(body);
  if (!claims) throw unauthorized();
  const seconds = now / 1000;
  const { exp, nbf, aud } = claims;
  if (typeof exp !== "number" || seconds >= exp) throw unauthorized();
  if (typeof nbf !== "number" || seconds < nbf) throw unauthorized();
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(TOKEN_AUDIENCE)) throw unauthorized();
  const loft = claims["loft.sh"];
  if (
    !isRecord(loft) ||
    (loft.kind !== "User" && loft.kind !== "Team") ||
    typeof loft.name !== "string"
  ) {
    throw unauthorized();
  }
  const kind: PrincipalKind = loft.kind;
  const object = store.get(kind === "Team" ? "teams" : "users", "", loft.name);
  if (!object || object.metadata.uid !== loft.uid) throw unauthorized();
  if (kind === "User") {
    // `gen` is omitted when 0 (omitempty); the user's current `spec.tokenGeneration` revokes below it.
    const gen = loft.gen ?? 0;
    if (typeof gen !== "number" || !Number.isSafeInteger(gen)) throw unauthorized();
    if (gen < tokenGenerationOf(object)) throw unauthorized();
  }

  const principal: TokenPrincipal = {
    kind,
    name: object.metadata.name,
    owner: ownerId(kind, object.metadata.name),
    object,
    admin: kind === "User" && isAdmin(object),
    jti: typeof claims.jti === "string" ? claims.jti : "",
  };
  applyScope(principal, loft.scope);
  return principal;
}
