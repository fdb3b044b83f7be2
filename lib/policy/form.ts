import * as z from "zod/mini";
import { durationText, parseDuration } from "@/lib/scope/form";
import { fieldPath } from "@/lib/scope/causes";
import { IssuancePolicy } from "./policy";

/**
 * The admin Policy page's form: lifetimes typed in the builder's duration syntax (`1d`, `12h`,
 * seconds; empty = no limit), roles as a comma-separated list (empty = any role), one row per
 * project limit. `policyOfForm` turns it into the stored document; the save action and the form's
 * resolver both use it, so each problem is stated once.
 */
export interface PolicyFormValues {
  maxTokenTtl: string;
  maxAccessKeyTtl: string;
  projectLimits: { project: string; maxTtl: string }[];
  requireNote: boolean;
  forbidUnrestricted: boolean;
  forbidWildcards: boolean;
  allowedRoles: string;
}

export function formOfPolicy(policy: IssuancePolicy): PolicyFormValues {
  const text = (s: number | null) => (s === null ? "" : durationText(s));
  return {
    maxTokenTtl: text(policy.maxTtl.token),
    maxAccessKeyTtl: text(policy.maxTtl.accessKey),
    projectLimits: policy.projectMaxTtl.map((p) => ({
      project: p.project,
      maxTtl: text(p.maxTtl),
    })),
    requireNote: policy.requireNote,
    forbidUnrestricted: policy.forbidUnrestricted,
    forbidWildcards: policy.forbidWildcards,
    allowedRoles: policy.allowedRoles?.join(", ") ?? "",
  };
}

const DURATION_HELP = "Use a duration such as 1d, 12h, 90m or a number of seconds";

export type PolicyOfForm =
  { ok: true; policy: IssuancePolicy } | { ok: false; fieldErrors: Record<string, string> };

/** The policy a filled-in form stands for, or each problem at its form field. */
export function policyOfForm(input: unknown): PolicyOfForm {
  const shape = z.safeParse(PolicyFormShape, input);
  if (!shape.success) return { ok: false, fieldErrors: { root: "The form was not complete." } };
  const v = shape.data;
  const fieldErrors: Record<string, string> = {};
  const lifetime = (text: string, field: string): number | null => {
    if (!text.trim()) return null;
    const seconds = parseDuration(text);
    if (seconds === null) {
      fieldErrors[field] = DURATION_HELP;
      return null;
    }
    return seconds;
  };
  const seen = new Set<string>();
  const projectMaxTtl = v.projectLimits.map((row, i) => {
    const project = row.project.trim();
    if (seen.has(project))
      fieldErrors[`projectLimits.${i}.project`] = "This project already has a limit";
    seen.add(project);
    if (!row.maxTtl.trim())
      fieldErrors[`projectLimits.${i}.maxTtl`] = "Enter the longest lifetime for this project";
    return { project, maxTtl: lifetime(row.maxTtl, `projectLimits.${i}.maxTtl`) ?? 0 };
  });
  const roles = v.allowedRoles
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const candidate = {
    maxTtl: {
      token: lifetime(v.maxTokenTtl, "maxTokenTtl"),
      accessKey: lifetime(v.maxAccessKeyTtl, "maxAccessKeyTtl"),
    },
    projectMaxTtl,
    requireNote: v.requireNote,
    forbidUnrestricted: v.forbidUnrestricted,
    forbidWildcards: v.forbidWildcards,
    allowedRoles: roles.length ? [...new Set(roles)] : null,
  };
  const parsed = z.safeParse(IssuancePolicy, candidate);
  for (const issue of parsed.error?.issues ?? []) {
    const field = formFieldOfPolicyPath(issue.path);
    fieldErrors[field] ??= issue.message;
  }
  if (Object.keys(fieldErrors).length || !parsed.success) return { ok: false, fieldErrors };
  return { ok: true, policy: parsed.data };
}

/** A policy document's path as the form's field: `maxTtl.token` → `maxTokenTtl`. */
function formFieldOfPolicyPath(path: readonly PropertyKey[]): string {
  const [first, second, third] = path;
  if (first === "maxTtl") return second === "accessKey" ? "maxAccessKeyTtl" : "maxTokenTtl";
  if (first === "projectMaxTtl" && typeof second === "number")
    return `projectLimits.${second}.${third === "maxTtl" ? "maxTtl" : "project"}`;
  if (first === "allowedRoles") return "allowedRoles";
  return fieldPath(path) || "root";
}

const PolicyFormShape = z.object({
  maxTokenTtl: z.string(),
  maxAccessKeyTtl: z.string(),
  projectLimits: z
    .array(z.object({ project: z.string(), maxTtl: z.string() }))
    .check(z.maxLength(256)),
  requireNote: z.boolean(),
  forbidUnrestricted: z.boolean(),
  forbidWildcards: z.boolean(),
  allowedRoles: z.string().check(z.maxLength(4096)),
});
