import type { AccessKeyScope } from "@/lib/scope/schema";
import { encodeScopeState } from "@/lib/scope/url-state";
import { parseActivity, type ActivityProblem } from "./activity";
import { proposeScope, type ScopeProposal } from "./propose-scope";

/**
 * The "Least privilege" panel's one step, in the browser: pasted activity (kubectl lines with their
 * contexts, or audit events) → the narrowest scope that admits it (parseActivity, then
 * proposeScope), or why there is none. Pure.
 */

export type ActivityProposal =
  | { state: "empty" }
  /** No line was a request: `problems` says why each line was not used. */
  | { state: "nothing"; problems: ActivityProblem[] }
  | {
      state: "proposed";
      proposal: ScopeProposal;
      problems: ActivityProblem[];
      /** How many requests were read. */
      requests: number;
      /** The pasted lines, 0-based (line `n` is `lines[n - 1]`). */
      lines: string[];
    };

export interface ActivityProposalOptions {
  /** The credential that made the requests: undefined = not known, null = unrestricted. */
  credential?: AccessKeyScope | null;
  projectNamespacePrefix?: string;
}

export function proposeFromActivity(
  text: string,
  options: ActivityProposalOptions = {},
): ActivityProposal {
  if (!text.trim()) return { state: "empty" };
  const parsed = parseActivity(text, { projectNamespacePrefix: options.projectNamespacePrefix });
  if (parsed.requests.length === 0) return { state: "nothing", problems: parsed.problems };
  const proposal = proposeScope(
    parsed.requests.map(({ request, line, outcome }) => ({ request, line, outcome })),
    { credential: options.credential, projectNamespacePrefix: options.projectNamespacePrefix },
  );
  return {
    state: "proposed",
    proposal,
    problems: parsed.problems,
    requests: parsed.requests.length,
    lines: text.split(/\r?\n/),
  };
}

/** The builder, opened with `scope` chosen (a Direct Cluster Endpoint Token; the TTL left to it). */
export function builderHref(scope: AccessKeyScope, ttl?: number): string {
  return `/tokens/new?${encodeScopeState({ scope, ...(ttl !== undefined ? { ttl } : {}), credential: "token" })}`;
}

/** One pasted line for display: trimmed, at most `max` characters. */
export function lineExcerpt(lines: readonly string[], line: number, max = 160): string {
  const text = (lines[line - 1] ?? "").trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
