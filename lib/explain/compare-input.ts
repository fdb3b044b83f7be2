import { parse } from "yaml";
import type { Credential } from "@/lib/scope/constants";
import { readScope } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { DecodedToken } from "@/lib/token/decode";
import { readInspectorInput } from "@/lib/token/input";

/**
 * One side of the reach diff, pasted: a token (JWT), a DirectClusterEndpointToken manifest (its
 * `status.token`, else its `spec`), an OwnedAccessKey manifest (its `spec.scope` and `spec.ttl`,
 * read leniently: fields this console does not know are set aside), or a bare AccessKeyScope. Pure
 * and browser-safe: nothing is sent anywhere.
 */

export type CredentialRead =
  | { state: "empty" }
  | { state: "error"; message: string }
  | {
      state: "read";
      /** What the text was read as, in words ("a token", "an OwnedAccessKey manifest", …). */
      from: string;
      /** Undefined for a bare scope: it could be either. */
      kind?: Credential;
      /** null = unrestricted (no scope). */
      scope: AccessKeyScope | null;
      /** Seconds from issue to expiry; null = never expires; undefined = not known. */
      lifetime?: number | null;
      /** Why the lifetime is not known, or how it counts. */
      lifetimeNote?: string;
      /** ISO 8601 (null = never), when the text says. */
      expiresAt?: string | null;
      /** Scope fields this console does not know, set aside. */
      notUnderstood: string[];
    };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const ACCESS_KEY_KINDS = new Set(["OwnedAccessKey", "AccessKey"]);

/** The pasted text as YAML or JSON, when it is an object. */
function objectOf(text: string): Json | undefined {
  try {
    const value: unknown = parse(text, { maxAliasCount: 50 });
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function fromToken(decoded: DecodedToken, from: string): CredentialRead {
  const loft = decoded.loft;
  if (!loft)
    return { state: "error", message: "The token has no loft.sh claim, so it carries no scope." };
  if (loft.scope.state === "invalid")
    return {
      state: "error",
      message: `The token's scope is not valid: ${loft.scope.issues.join("; ")}`,
    };
  const { iat, exp } = decoded.claims;
  const valid = loft.scope.state === "valid" ? loft.scope : undefined;
  return {
    state: "read",
    from,
    kind: "token",
    scope: valid?.scope ?? null,
    lifetime: exp === undefined ? null : iat === undefined ? undefined : exp - iat,
    ...(exp !== undefined && iat === undefined
      ? { lifetimeNote: "the token has no iat claim" }
      : {}),
    expiresAt: typeof exp === "number" ? new Date(exp * 1000).toISOString() : null,
    notUnderstood: (valid?.notUnderstood ?? []).map((n) => `loft.sh.scope.${n.field}`),
  };
}

/** An OwnedAccessKey manifest (as `kubectl get ownedaccesskey -o yaml` prints it). */
export function fromAccessKey(object: Json): CredentialRead {
  const spec = isObject(object.spec) ? object.spec : {};
  const read = readScope(spec.scope);
  if (read.state === "invalid")
    return { state: "error", message: `spec.scope is not valid: ${read.issues.join("; ")}` };
  const ttl = typeof spec.ttl === "number" && spec.ttl > 0 ? spec.ttl : undefined;
  const fromLastUse = spec.ttlAfterLastActivity === true;
  const created = isObject(object.metadata) ? object.metadata.creationTimestamp : undefined;
  const createdAt = typeof created === "string" ? Date.parse(created) : NaN;
  const expiresAt =
    ttl === undefined
      ? null
      : fromLastUse || Number.isNaN(createdAt)
        ? undefined
        : new Date(createdAt + ttl * 1000).toISOString();
  return {
    state: "read",
    from: `an ${String(object.kind)} manifest`,
    kind: "accesskey",
    scope: read.state === "valid" ? read.scope : null,
    lifetime: ttl ?? null,
    ...(fromLastUse && ttl !== undefined ? { lifetimeNote: "counted from its last use" } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    notUnderstood:
      read.state === "valid" ? read.notUnderstood.map((n) => `spec.scope.${n.field}`) : [],
  };
}

type ScopeInput = Extract<ReturnType<typeof readInspectorInput>, { kind: "scope" }>;

/** A DirectClusterEndpointToken manifest without a token, a bare spec (`ttl`, `scope`) or a scope. */
function fromScopeInput(input: ScopeInput, object: Json | undefined): CredentialRead {
  const has = (keys: string[]) => object !== undefined && keys.some((k) => k in object);
  const manifest = has(["apiVersion", "kind", "spec", "metadata", "status"]);
  const spec = !manifest && has(["ttl", "scope"]);
  return {
    state: "read",
    from: manifest
      ? "a DirectClusterEndpointToken manifest"
      : spec
        ? "a spec (ttl and scope)"
        : "a scope alone",
    ...(manifest ? { kind: "token" as const } : {}),
    scope: input.scope ?? null,
    ...(input.ttl !== undefined
      ? { lifetime: input.ttl }
      : {
          lifetimeNote: manifest
            ? "no spec.ttl: the platform's default"
            : spec
              ? "no ttl"
              : "a scope alone says none",
        }),
    notUnderstood: input.notUnderstood,
  };
}

export function readCredential(text: string): CredentialRead {
  if (!text.trim()) return { state: "empty" };
  const object = /[:{]/.test(text) ? objectOf(text) : undefined;
  if (object && typeof object.kind === "string" && ACCESS_KEY_KINDS.has(object.kind))
    return fromAccessKey(object);
  const input = readInspectorInput(text);
  switch (input.kind) {
    case "empty":
      return { state: "empty" };
    case "error":
      return {
        state: "error",
        message: `Not a JWT, a DirectClusterEndpointToken or OwnedAccessKey manifest, or a scope: ${input.message.replace(/^[^:]*: /, "")}`,
      };
    case "token":
      return input.decoded.ok
        ? fromToken(
            input.decoded,
            input.from === "jwt" ? "a token" : "a DirectClusterEndpointToken manifest's token",
          )
        : { state: "error", message: input.decoded.message };
    case "scope":
      return fromScopeInput(input, object);
  }
}
