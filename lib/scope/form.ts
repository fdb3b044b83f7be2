import type { CreateAccessKeyRequest } from "@/lib/scope/access-key-request";
import type { Credential } from "@/lib/scope/constants";
import { normalizeScope } from "@/lib/scope/manifest";
import type { IssueTokenRequest } from "@/lib/scope/request";
import type {
  AccessKeyScope,
  AccessKeyScopeCluster,
  AccessKeyScopeRole,
  AccessKeyScopeRule,
} from "@/lib/scope/schema";

/**
 * The scope builder's values: the token or access key request plus how the user expressed its time
 * to live. Both credentials share the scope, the time to live and the note; an access key adds its
 * display name, description and whether its lifetime counts from its last use.
 */
export const TTL_PRESETS = [
  { label: "1 hour", seconds: 3600 },
  { label: "8 hours", seconds: 8 * 3600 },
  { label: "1 day", seconds: 86_400 },
  { label: "7 days", seconds: 7 * 86_400 },
  { label: "30 days", seconds: 30 * 86_400 },
] as const;
const DEFAULT_TTL = 86_400;

/**
 * The form's values; what makes them valid is said by `TokenForm` (form-schema.ts), which is checked
 * there to parse exactly these values.
 */
export type TokenFormValues = {
  credential: Credential;
  displayName: string;
  description: string;
  ttlAfterLastActivity: boolean;
  access: "scoped" | "unrestricted";
  roles: AccessKeyScopeRole[];
  projects: { project: string }[];
  spaces: { project: string; space: string }[];
  virtualClusters: { project: string; virtualCluster: string }[];
  clusters: AccessKeyScopeCluster[];
  allowLoftCli: boolean;
  rules: AccessKeyScopeRule[];
  note: string;
  /** "none": an access key without expiry (offered only for access keys). */
  ttlMode: "preset" | "duration" | "expiry" | "none";
  ttlPreset: number;
  ttlDuration: string;
  ttlExpiry: string;
};

export const EMPTY_FORM: TokenFormValues = {
  credential: "token",
  displayName: "",
  description: "",
  ttlAfterLastActivity: false,
  access: "scoped",
  roles: [],
  projects: [],
  spaces: [],
  virtualClusters: [],
  clusters: [],
  allowLoftCli: false,
  rules: [],
  note: "",
  ttlMode: "preset",
  ttlPreset: DEFAULT_TTL,
  ttlDuration: "",
  ttlExpiry: "",
};

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * Parses "90m", "36h", "2d 4h", "1w", "3600" (seconds) into seconds, or null when the text is not a
 * duration. Case and spaces around numbers and units do not matter, but a number always needs its
 * unit unless it stands alone ("1 2h" is not 12h). Numbers beyond what a TTL may be are returned as
 * they are (never Infinity) for `ttlSeconds` to refuse as too large.
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (!trimmed) return null;
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), Number.MAX_VALUE);
  let total = 0;
  let rest = trimmed;
  while (rest) {
    const match = /^(\d+)\s*([smhdw])\s*/.exec(rest);
    if (!match) return null;
    total += Number(match[1]) * DURATION_UNITS[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return Math.min(total, Number.MAX_VALUE);
}

const DURATION_TEXT_UNITS = [
  ["w", 604_800],
  ["d", 86_400],
  ["h", 3600],
  ["m", 60],
  ["s", 1],
] as const;

/** Seconds in the builder's duration syntax: 86400 → "1d", 90000 → "1d 1h", 45 → "45s". */
export function durationText(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of DURATION_TEXT_UNITS) {
    // Weeks only when exact: "14d" reads better than "2w" beside day-based limits.
    if (unit === "w" && rest % size !== 0) continue;
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join(" ") || "0s";
}

/**
 * Seconds the credential will live, or undefined while the TTL input is incomplete (and for an
 * access key chosen to have no expiry, `ttlMode` "none").
 */
export function ttlOf(
  v: Pick<TokenFormValues, "ttlMode" | "ttlPreset" | "ttlDuration" | "ttlExpiry">,
  now = Date.now(),
): number | undefined {
  if (v.ttlMode === "none") return undefined;
  if (v.ttlMode === "preset") return v.ttlPreset;
  if (v.ttlMode === "duration") return parseDuration(v.ttlDuration) ?? undefined;
  const at = Date.parse(v.ttlExpiry);
  return Number.isNaN(at) ? undefined : Math.max(1, Math.round((at - now) / 1000));
}

export function scopeOf(v: TokenFormValues): AccessKeyScope | undefined {
  if (v.access === "unrestricted") return undefined;
  return normalizeScope({
    roles: v.roles,
    projects: v.projects,
    spaces: v.spaces,
    virtualClusters: v.virtualClusters,
    clusters: v.clusters,
    rules: v.rules,
    allowLoftCli: v.allowLoftCli,
  });
}

/** The request the form stands for (what the action is sent and the preview shows). */
export function requestOf(v: TokenFormValues, now = Date.now()): IssueTokenRequest {
  const scope = scopeOf(v);
  const note = v.note.trim();
  return {
    unrestricted: v.access === "unrestricted",
    spec: { ttl: ttlOf(v, now), ...(scope ? { scope } : {}) },
    ...(note ? { note } : {}),
  };
}

/** The access key request the form stands for, when "Access key" is the chosen credential. */
export function accessKeyRequestOf(v: TokenFormValues, now = Date.now()): CreateAccessKeyRequest {
  const scope = scopeOf(v);
  const ttl = ttlOf(v, now);
  const description = v.description.trim();
  const note = v.note.trim();
  return {
    unrestricted: v.access === "unrestricted",
    noExpiry: v.ttlMode === "none",
    spec: {
      displayName: v.displayName.trim(),
      ...(description ? { description } : {}),
      ...(ttl !== undefined ? { ttl } : {}),
      ...(v.ttlAfterLastActivity ? { ttlAfterLastActivity: true } : {}),
      ...(scope ? { scope } : {}),
    },
    ...(note ? { note } : {}),
  };
}

/**
 * Form values for a request, or the part of one that a link or an imported manifest carries. A TTL
 * that is one of the presets is shown as that preset, any other as a duration in seconds, none as the
 * default preset (or, for an access key asked for without expiry, as "No expiry").
 */
export function formFromRequest(request: {
  credential?: Credential;
  unrestricted?: boolean;
  noExpiry?: boolean;
  spec?: {
    ttl?: number;
    scope?: AccessKeyScope;
    displayName?: string;
    description?: string;
    ttlAfterLastActivity?: boolean;
  };
  note?: string;
}): TokenFormValues {
  const ttl = request.spec?.ttl;
  const preset = TTL_PRESETS.find((p) => p.seconds === ttl);
  const scope = request.spec?.scope ?? {};
  const accessKey = request.credential === "accesskey";
  return {
    ...EMPTY_FORM,
    credential: accessKey ? "accesskey" : "token",
    displayName: request.spec?.displayName ?? "",
    description: request.spec?.description ?? "",
    ttlAfterLastActivity: request.spec?.ttlAfterLastActivity ?? false,
    access: request.unrestricted ? "unrestricted" : "scoped",
    roles: scope.roles ?? [],
    projects: scope.projects ?? [],
    spaces: scope.spaces ?? [],
    virtualClusters: scope.virtualClusters ?? [],
    clusters: scope.clusters ?? [],
    allowLoftCli: scope.allowLoftCli ?? false,
    rules: scope.rules ?? [],
    note: request.note ?? "",
    ...(accessKey && request.noExpiry && ttl === undefined
      ? { ttlMode: "none" as const }
      : ttl === undefined || preset
        ? { ttlPreset: preset?.seconds ?? DEFAULT_TTL }
        : { ttlMode: "duration" as const, ttlDuration: String(ttl) }),
  };
}
