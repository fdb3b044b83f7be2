import type { Credential } from "@/lib/scope/constants";
import { formatDuration } from "@/lib/token/time";
import type { CredentialRead } from "./compare-input";
import { diffCredentials, type CredentialDescription, type CredentialDiff } from "./diff";
import { diffPhrases } from "./diff-words";

/**
 * Two pasted credentials (compare-input.ts) → their reach diff (diff.ts) and a one-line summary
 * (diff-words.ts). A side whose lifetime is not known (a scope alone, a manifest without `ttl`)
 * is not compared on lifetime, and the summary says so rather than calling it unchanged. Pure.
 */

export type CredentialSide = Extract<CredentialRead, { state: "read" }>;

export interface Comparison {
  diff: CredentialDiff;
  /** "gains virtual cluster default/x; lifetime 1 day → 7 days (longer)". */
  summary: string;
  /** Whether both lifetimes are known (else `diff.lifetime` is not meaningful). */
  lifetimeKnown: boolean;
}

/** A bare scope could be either credential: it takes the other side's kind, else a token's. */
const kindOf = (side: CredentialSide, other: CredentialSide): Credential =>
  side.kind ?? other.kind ?? "token";

export function compareCredentials(before: CredentialSide, after: CredentialSide): Comparison {
  const lifetimeKnown = before.lifetime !== undefined && after.lifetime !== undefined;
  const describe = (side: CredentialSide, other: CredentialSide): CredentialDescription => ({
    kind: kindOf(side, other),
    scope: side.scope,
    lifetime: lifetimeKnown ? (side.lifetime ?? null) : null,
    ...(side.expiresAt !== undefined ? { expiresAt: side.expiresAt } : {}),
  });
  const diff = diffCredentials(describe(before, after), describe(after, before));
  const phrases = diffPhrases(diff);
  if (!lifetimeKnown) phrases.push("lifetime not compared (not known on both sides)");
  return {
    diff,
    summary: phrases.length ? phrases.join("; ") : "no change in reach or lifetime",
    lifetimeKnown,
  };
}

/** "1 day", "never expires", or "not known (a scope alone says none)". */
export function sideLifetimeText(side: CredentialSide): string {
  const note = side.lifetimeNote ? ` (${side.lifetimeNote})` : "";
  if (side.lifetime === undefined) return `not known${note}`;
  return `${side.lifetime === null ? "never expires" : formatDuration(side.lifetime)}${note}`;
}
