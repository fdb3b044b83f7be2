import { readScope, type NotUnderstood } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";

/** The platform's private claim name (loft-sh/api pkg/token). */
export const LOFT_CLAIM = "loft.sh";

/** Registered JWT claims (RFC 7519 §4.1); everything else but `loft.sh` is an unknown private claim. */
const REGISTERED_CLAIMS = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"] as const;

export type ScopeClaim =
  | { state: "absent" }
  /** `notUnderstood`: fields from a newer platform, set aside (shown, never a reason to reject). */
  | { state: "valid"; scope: AccessKeyScope; notUnderstood: NotUnderstood[] }
  | { state: "invalid"; issues: string[]; raw: unknown; notUnderstood: NotUnderstood[] };

/** Who asked for the token on the owner's behalf: a Go `user.DefaultInfo` (capitalised keys). */
export type OriginalRequester = {
  name?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
};

/** The owner kinds loft-sh/api pkg/token defines. */
export const LOFT_KINDS: Record<string, string> = {
  User: "a user",
  Team: "a team",
  LoftAdmin: "the platform's own admin identity",
};

export type LoftClaim = {
  uid?: string;
  name?: string;
  /** `User`, `Team` or `LoftAdmin`. */
  kind?: string;
  /** The owner's token generation: raising the user's tokenGeneration revokes tokens below it. */
  gen?: string | number;
  originalRequester?: OriginalRequester;
  scope: ScopeClaim;
  /** Fields of the `loft.sh` claim this console does not know, kept as they are. */
  extra: Record<string, unknown>;
  /** Problems with the claim's shape (a field of the wrong type, the claim not an object). */
  problems: string[];
};

const KNOWN = new Set(["uid", "name", "kind", "gen", "scope", "originalRequester"]);

const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === "string");

/** Reads `originalRequester` ({Name, UID, Groups, Extra}); lower-case keys are accepted too. */
function parseRequester(value: unknown, problems: string[]): OriginalRequester | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push("loft.sh.originalRequester is not an object.");
    return undefined;
  }
  const r = value as Record<string, unknown>;
  const pick = (key: string) => r[key] ?? r[key.toLowerCase()];
  const out: OriginalRequester = {};
  const name = pick("Name");
  const uid = pick("UID") ?? r.uid;
  const groups = pick("Groups");
  const extra = pick("Extra");
  if (typeof name === "string" && name) out.name = name;
  if (typeof uid === "string" && uid) out.uid = uid;
  if (isStringList(groups)) out.groups = groups;
  else if (groups != null)
    problems.push("loft.sh.originalRequester.Groups is not a list of strings.");
  if (extra && typeof extra === "object" && !Array.isArray(extra)) {
    const entries = Object.entries(extra as Record<string, unknown>).filter(
      (e): e is [string, string[]] => isStringList(e[1]),
    );
    if (entries.length) out.extra = Object.fromEntries(entries);
  }
  return out;
}

/** Reads a token's scope leniently (see lib/scope/read.ts); issues name the field. */
const parseScope = (raw: unknown): ScopeClaim => readScope(raw);

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
  const kind = text("kind");
  if (kind !== undefined && !(kind in LOFT_KINDS)) {
    problems.push(`loft.sh.kind "${kind}" is not one this console knows (User, Team, LoftAdmin).`);
  }
  return {
    uid: text("uid"),
    name: text("name"),
    kind,
    gen: typeof gen === "string" || typeof gen === "number" ? gen : undefined,
    originalRequester: parseRequester(record.originalRequester, problems),
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
