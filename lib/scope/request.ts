import * as z from "zod/mini";
import { DirectClusterEndpointTokenSpec, isEmptyScope } from "@/lib/scope/schema";

/**
 * What the dashboard asks the issue-token action for: the token's spec, and whether the user chose
 * an unrestricted token on purpose, and an optional note for the ledger. Validated by the form (zodResolver) and again by the action.
 */
export const NOTE_MAX_LENGTH = 500;

export const IssueTokenRequest = z
  .object({
    unrestricted: z.boolean(),
    spec: DirectClusterEndpointTokenSpec,
    /** What the token is for, kept in the console's ledger (never sent to the platform). */
    note: z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.maxLength(NOTE_MAX_LENGTH, `Keep the note under ${NOTE_MAX_LENGTH} characters`),
        ),
    ),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (value.unrestricted && value.spec.scope) {
        ctx.addIssue({
          code: "custom",
          path: ["spec", "scope"],
          message: "An unrestricted token carries no scope",
        });
      }
      if (!value.unrestricted && (!value.spec.scope || isEmptyScope(value.spec.scope))) {
        ctx.addIssue({
          code: "custom",
          path: ["spec", "scope"],
          message:
            "Choose at least one project, space, virtual cluster, cluster, role or rule, or issue an unrestricted token. A scope with no entries reaches nothing.",
        });
      }
    }),
  );

export type IssueTokenRequest = z.infer<typeof IssueTokenRequest>;

/** Parses "90m", "36h", "2d 4h", "1w", "3600" (seconds) into seconds, or null. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (!trimmed) return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
  let total = 0;
  let rest = trimmed.replace(/\s+/g, "");
  while (rest) {
    const match = /^(\d+)([smhdw])/.exec(rest);
    if (!match) return null;
    total += Number(match[1]) * units[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return total;
}
