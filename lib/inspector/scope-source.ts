import type { RecordedCredential } from "@/lib/explain/recorded-credential";
import { readScope } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { DecodedToken } from "@/lib/token/decode";
import type { InspectorInput } from "@/lib/token/input";

/**
 * What the inspector reads from what was pasted or chosen: the scope to explain, or why there is
 * none to use.
 */

type NotUnderstood = { field: string; value?: unknown }[];

export type ScopeSource =
  | { usable: true; scope: AccessKeyScope | undefined; notUnderstood: NotUnderstood }
  | { usable: false; why: string };

/** The scope of pasted text: a bare scope, or a token's; undefined when there is none to read. */
export function scopeOf(input: InspectorInput): ScopeSource | undefined {
  if (input.kind === "scope") {
    const notUnderstood = input.notUnderstood.map((field) => ({ field }));
    return { usable: true, scope: input.scope, notUnderstood };
  }
  if (input.kind !== "token" || !input.decoded.ok) return undefined;
  const loft = input.decoded.loft;
  if (!loft)
    return { usable: false, why: "The token has no loft.sh claim, so it carries no scope." };
  if (loft.scope.state === "invalid")
    return { usable: false, why: "The token's scope is not valid (see above)." };
  if (loft.scope.state === "absent") return { usable: true, scope: undefined, notUnderstood: [] };
  return { usable: true, scope: loft.scope.scope, notUnderstood: loft.scope.notUnderstood };
}

/** A recorded credential's scope, as the inspector reads a pasted one. */
export function recordedScopeOf(recorded: RecordedCredential): ScopeSource {
  const read = readScope(recorded.scope);
  if (read.state === "invalid")
    return { usable: false, why: `The recorded scope is not valid: ${read.issues.join("; ")}.` };
  if (read.state === "absent") return { usable: true, scope: undefined, notUnderstood: [] };
  return { usable: true, scope: read.scope, notUnderstood: [] };
}

/** The token's scope for a proposal to stay within: null = unrestricted, undefined = not readable. */
export function tokenScopeOf(token: DecodedToken): AccessKeyScope | null | undefined {
  const scope = token.loft?.scope;
  if (!scope) return undefined;
  return scope.state === "valid" ? scope.scope : scope.state === "absent" ? null : undefined;
}

/** Why the pasted text could not be read, if it could not. */
export function inputError(input: InspectorInput): string | undefined {
  if (input.kind === "error") return input.message;
  if (input.kind === "token" && !input.decoded.ok) return input.decoded.message;
  return undefined;
}
