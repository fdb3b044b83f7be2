import * as z from "zod/mini";
import { normalizeScope } from "@/lib/scope/manifest";
import { NOTE_MAX_LENGTH, parseDuration } from "@/lib/scope/request";
import {
  AccessKeyScopeCluster,
  AccessKeyScopeProject,
  AccessKeyScopeRole,
  AccessKeyScopeRule,
  AccessKeyScopeSpace,
  AccessKeyScopeVirtualCluster,
  type AccessKeyScope,
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

const unique =
  <T>(key: (item: T) => string, what: string) =>
  (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const k = key(item);
      if (seen.has(k))
        ctx.addIssue({ code: "custom", path: [index], message: `${what} is already in the list` });
      seen.set(k, index);
    });
  };

export const TokenForm = z
  .object({
    access: z.enum(["scoped", "unrestricted"]),
    roles: z
      .array(AccessKeyScopeRole)
      .check(
        z.superRefine(
          unique(
            (r) => JSON.stringify([r.role, r.projects ?? [], r.virtualClusters ?? []]),
            "This role",
          ),
        ),
      ),
    projects: z
      .array(AccessKeyScopeProject)
      .check(z.superRefine(unique((p) => p.project, "This project"))),
    spaces: z
      .array(AccessKeyScopeSpace)
      .check(z.superRefine(unique((s) => `${s.project}/${s.space}`, "This space"))),
    virtualClusters: z
      .array(AccessKeyScopeVirtualCluster)
      .check(
        z.superRefine(unique((v) => `${v.project}/${v.virtualCluster}`, "This virtual cluster")),
      ),
    clusters: z
      .array(AccessKeyScopeCluster)
      .check(z.superRefine(unique((c) => c.cluster, "This cluster"))),
    allowLoftCli: z.boolean(),
    rules: z.array(AccessKeyScopeRule),
    note: z
      .string()
      .check(z.maxLength(NOTE_MAX_LENGTH, `Keep the note under ${NOTE_MAX_LENGTH} characters`)),
    ttlMode: z.enum(["preset", "duration", "expiry"]),
    ttlPreset: z.int().check(z.positive()),
    ttlDuration: z.string(),
    ttlExpiry: z.string(),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.ttlMode === "duration") {
        const seconds = parseDuration(v.ttlDuration);
        if (!v.ttlDuration.trim())
          ctx.addIssue({
            code: "custom",
            path: ["ttlDuration"],
            message: "Enter a duration such as 12h, 3d or 90m",
          });
        else if (seconds === null)
          ctx.addIssue({
            code: "custom",
            path: ["ttlDuration"],
            message: "Use numbers with s, m, h, d or w, such as 12h, 3d 4h or 90m",
          });
        else if (seconds <= 0)
          ctx.addIssue({
            code: "custom",
            path: ["ttlDuration"],
            message: "Must be longer than 0 seconds",
          });
      }
      if (v.ttlMode === "expiry") {
        const at = Date.parse(v.ttlExpiry);
        if (!v.ttlExpiry)
          ctx.addIssue({
            code: "custom",
            path: ["ttlExpiry"],
            message: "Choose the date and time the token should expire",
          });
        else if (Number.isNaN(at))
          ctx.addIssue({
            code: "custom",
            path: ["ttlExpiry"],
            message: "Not a valid date and time",
          });
        else if (at <= Date.now() + 60_000)
          ctx.addIssue({
            code: "custom",
            path: ["ttlExpiry"],
            message: "Must be at least a minute in the future",
          });
      }
      if (
        v.access === "scoped" &&
        !v.allowLoftCli &&
        !v.roles.length &&
        !v.projects.length &&
        !v.spaces.length &&
        !v.virtualClusters.length &&
        !v.clusters.length &&
        !v.rules.length
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["projects"],
          message:
            "Choose at least one project, space, virtual cluster, cluster, role or rule, or choose an unrestricted token. A scope with no entries reaches nothing.",
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
export function requestOf(v: TokenFormValues, now = Date.now()) {
  const scope = scopeOf(v);
  const note = v.note.trim();
  return {
    unrestricted: v.access === "unrestricted",
    spec: { ttl: ttlOf(v, now), ...(scope ? { scope } : {}) },
    ...(note ? { note } : {}),
  };
}

/** Form values for a scope and TTL (from the URL or an imported manifest). */
export function formFromRequest(input: {
  ttl?: number;
  scope?: AccessKeyScope;
  unrestricted?: boolean;
}): TokenFormValues {
  const preset = TTL_PRESETS.find((p) => p.seconds === input.ttl);
  const scope = input.scope ?? {};
  return {
    ...EMPTY_FORM,
    access: input.unrestricted ? "unrestricted" : "scoped",
    roles: scope.roles ?? [],
    projects: scope.projects ?? [],
    spaces: scope.spaces ?? [],
    virtualClusters: scope.virtualClusters ?? [],
    clusters: scope.clusters ?? [],
    allowLoftCli: scope.allowLoftCli ?? false,
    rules: scope.rules ?? [],
    ...(input.ttl === undefined || preset
      ? { ttlPreset: preset?.seconds ?? DEFAULT_TTL }
      : { ttlMode: "duration" as const, ttlDuration: String(input.ttl) }),
  };
}

/** Maps an API field path (`spec.scope.spaces[0].project`) to the form's field name (`spaces.0.project`). */
export function formFieldFor(
  apiField: string,
  mode: TokenFormValues["ttlMode"],
): string | undefined {
  if (apiField === "note") return "note";
  if (apiField === "spec.ttl")
    return mode === "duration" ? "ttlDuration" : mode === "expiry" ? "ttlExpiry" : "ttlMode";
  const match = /^spec\.scope\.(.+)$/.exec(apiField);
  if (!match) return undefined;
  return match[1]!.replace(/\[(\d+)\]/g, ".$1");
}
