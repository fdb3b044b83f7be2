import * as z from "zod/mini";
import { formFieldOf } from "@/lib/scope/form-fields";
import { normalizeScope } from "@/lib/scope/manifest";
import { IssueTokenRequest, parseDuration } from "@/lib/scope/request";
import type {
  AccessKeyScope,
  AccessKeyScopeCluster,
  AccessKeyScopeRole,
  AccessKeyScopeRule,
} from "@/lib/scope/schema";

/** The scope builder's values: the token request plus how the user expressed its time to live. */
export const TTL_PRESETS = [
  { label: "1 hour", seconds: 3600 },
  { label: "8 hours", seconds: 8 * 3600 },
  { label: "1 day", seconds: 86_400 },
  { label: "7 days", seconds: 7 * 86_400 },
  { label: "30 days", seconds: 30 * 86_400 },
] as const;
export const DEFAULT_TTL = 86_400;

/** A value the form holds as it is; what makes it valid is said by IssueTokenRequest. */
const held = <T>() => z.custom<T>();

/** Problems with how the TTL was typed, which only the form knows; its value is the request's. */
function ttlInputIssues(v: TokenFormValues, now: number) {
  if (v.ttlMode === "duration") {
    if (!v.ttlDuration.trim())
      return { path: ["ttlDuration"], message: "Enter a duration such as 12h, 3d or 90m" };
    if (parseDuration(v.ttlDuration) === null)
      return {
        path: ["ttlDuration"],
        message: "Use numbers with s, m, h, d or w, such as 12h, 3d 4h or 90m",
      };
  }
  if (v.ttlMode === "expiry") {
    const at = Date.parse(v.ttlExpiry);
    if (!v.ttlExpiry)
      return { path: ["ttlExpiry"], message: "Choose the date and time the token should expire" };
    if (Number.isNaN(at)) return { path: ["ttlExpiry"], message: "Not a valid date and time" };
    if (at <= now + 60_000)
      return { path: ["ttlExpiry"], message: "Must be at least a minute in the future" };
  }
  return undefined;
}

/**
 * The form validates the request it stands for (`requestOf`) with IssueTokenRequest, the schema the
 * issue action parses, and shows each problem at the field `formFieldOf` names, as the action's
 * `fieldErrors` do. Only how the TTL was typed is checked here. Scope lists left behind while an
 * unrestricted token is chosen are not sent, so they are not checked.
 */
export const TokenForm = z
  .object({
    access: z.enum(["scoped", "unrestricted"]),
    roles: held<AccessKeyScopeRole[]>(),
    projects: held<{ project: string }[]>(),
    spaces: held<{ project: string; space: string }[]>(),
    virtualClusters: held<{ project: string; virtualCluster: string }[]>(),
    clusters: held<AccessKeyScopeCluster[]>(),
    allowLoftCli: z.boolean(),
    rules: held<AccessKeyScopeRule[]>(),
    note: z.string(),
    ttlMode: z.enum(["preset", "duration", "expiry"]),
    ttlPreset: z.number(),
    ttlDuration: z.string(),
    ttlExpiry: z.string(),
  })
  .check(
    z.superRefine((v, ctx) => {
      const now = Date.now();
      const input = ttlInputIssues(v, now);
      if (input) ctx.addIssue({ code: "custom", ...input });
      const parsed = z.safeParse(IssueTokenRequest, requestOf(v, now));
      for (const issue of parsed.error?.issues ?? []) {
        ctx.addIssue({
          code: "custom",
          path: formFieldOf(issue.path).split("."),
          message: issue.message,
        });
      }
    }),
  );

export type TokenFormValues = z.infer<typeof TokenForm>;

export const EMPTY_FORM: TokenFormValues = {
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

/** Seconds the token will live, or undefined while the TTL input is incomplete. */
export function ttlOf(
  v: Pick<TokenFormValues, "ttlMode" | "ttlPreset" | "ttlDuration" | "ttlExpiry">,
  now = Date.now(),
): number | undefined {
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

/**
 * Form values for a request, or the part of one that a link or an imported manifest carries. A TTL
 * that is one of the presets is shown as that preset, any other as a duration in seconds, none as the
 * default preset.
 */
export function formFromRequest(request: {
  unrestricted?: boolean;
  spec?: { ttl?: number; scope?: AccessKeyScope };
  note?: string;
}): TokenFormValues {
  const ttl = request.spec?.ttl;
  const preset = TTL_PRESETS.find((p) => p.seconds === ttl);
  const scope = request.spec?.scope ?? {};
  return {
    ...EMPTY_FORM,
    access: request.unrestricted ? "unrestricted" : "scoped",
    roles: scope.roles ?? [],
    projects: scope.projects ?? [],
    spaces: scope.spaces ?? [],
    virtualClusters: scope.virtualClusters ?? [],
    clusters: scope.clusters ?? [],
    allowLoftCli: scope.allowLoftCli ?? false,
    rules: scope.rules ?? [],
    note: request.note ?? "",
    ...(ttl === undefined || preset
      ? { ttlPreset: preset?.seconds ?? DEFAULT_TTL }
      : { ttlMode: "duration" as const, ttlDuration: String(ttl) }),
  };
}
