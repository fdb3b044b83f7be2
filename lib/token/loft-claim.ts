import { readScope, type NotUnderstood } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";

/** The platform's private claim name (loft-sh/api pkg/token). */
export const LOFT_CLAIM = "loft.sh";

/** Registered JWT claims (RFC 7519 §4.1); everything else but `loft.sh` is an unknown private claim. */
export const REGISTERED_CLAIMS = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"] as const;

export type ScopeClaim =
  | { state: "absent" }
  /** `notUnderstood`: fields from a newer platform, set aside (shown, never a reason to reject). */
  | { state: "valid"; scope: AccessKeyScope; notUnderstood: NotUnderstood[] }
  | { state: "invalid"; issues: string[]; raw: unknown; notUnderstood: NotUnderstood[] };

export type LoftClaim = {
  uid?: string;
  name?: string;
  kind?: string;
  gen?: string | number;
  scope: ScopeClaim;
  /** Fields of the `loft.sh` claim this console does not know, kept as they are. */
  extra: Record<string, unknown>;
  /** Problems with the claim's shape (a field of the wrong type, the claim not an object). */
  problems: string[];
};

const KNOWN = new Set(["uid", "name", "kind", "gen", "scope"]);

/** Reads a token's scope leniently (see lib/scope/read.ts); issues name the field. */
export const parseScope = (raw: unknown): ScopeClaim => readScope(raw);

/** Parses the `loft.sh` claim; undefined when the token has none. */
export function parseLoftClaim(value: unknown): LoftClaim | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      scope: { state: "absent" },
      extra: { value },
      problems: ["The loft.sh claim is not an object."],
    };
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  const text = (key: string) => {
    const v = record[key];
    if (v === undefined || typeof v === "string") return v;
    problems.push(`loft.sh.${key} is not a string.`);
    return String(v);
  };
  const gen = record.gen;
  if (gen !== undefined && typeof gen !== "string" && typeof gen !== "number") {
    problems.push("loft.sh.gen is not a string or number.");
  }
  const extra = Object.fromEntries(Object.entries(record).filter(([key]) => !KNOWN.has(key)));
  return {
    uid: text("uid"),
    name: text("name"),
    kind: text("kind"),
    gen: typeof gen === "string" || typeof gen === "number" ? gen : undefined,
    scope: parseScope(record.scope),
    extra,
    problems,
  };
}

/** Private claims other than `loft.sh`, shown as JSON rather than dropped. */
export function unknownClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const known = new Set<string>([...REGISTERED_CLAIMS, LOFT_CLAIM]);
  return Object.fromEntries(Object.entries(claims).filter(([key]) => !known.has(key)));
}
