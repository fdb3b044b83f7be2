import type { CredentialKind } from "@/lib/kubeconfig/assemble";
import { readScope } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { DecodedToken } from "@/lib/token/decode";

/*
 * The credential a "Use this token" / "Use this key" panel is for (components/kubeconfig): what it
 * puts into the kubeconfig, and its scope as the panel reads it. Browser-safe.
 */

/** What the panel needs to know about the credential's scope. */
export type ScopeInput =
  | { kind: "scoped"; scope: AccessKeyScope }
  | { kind: "unrestricted" }
  | { kind: "unknown"; why: string };

/** The credential the panel puts into the kubeconfig and snippets: a token or an access key. */
export type PanelCredential = {
  kind: CredentialKind;
  /** The token or the access key itself; never sent to the server. */
  secret: string;
  /** When it expires (ISO 8601), when known. */
  expiresAt?: string;
};

/** A token's scope as the panel reads it: from its `loft.sh` claim. */
export function tokenScopeInput(token: DecodedToken): ScopeInput {
  const scope = token.loft?.scope;
  if (!token.loft || !scope)
    return { kind: "unknown", why: "The token has no loft.sh claim, so it names no targets." };
  if (scope.state === "absent") return { kind: "unrestricted" };
  if (scope.state === "invalid")
    return { kind: "unknown", why: "The token's scope is not a valid AccessKeyScope." };
  return { kind: "scoped", scope: scope.scope };
}

/** A token's expiry (ISO 8601), when its `exp` is a number. */
export function expiryOf(token: DecodedToken): string | undefined {
  const exp = token.claims.exp;
  return typeof exp === "number" && Number.isFinite(exp)
    ? new Date(exp * 1000).toISOString()
    : undefined;
}

/** The panel's view of a key's scope as the platform answered it (null or absent = unrestricted). */
export function keyScopeInput(scope: unknown): ScopeInput {
  const read = readScope(scope);
  if (read.state === "absent") return { kind: "unrestricted" };
  if (read.state === "invalid")
    return { kind: "unknown", why: "The key's scope is not a valid AccessKeyScope." };
  return { kind: "scoped", scope: read.scope };
}
