import { evaluateAccess, type AccessRequest } from "@/lib/scope/evaluate";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { scopeExcess, type ScopeExcess } from "@/lib/scope/subset";
import { describeRule } from "@/lib/scope/describe";
import { candidates, entriesOf } from "./propose-candidates";
import { mergeEntries } from "./propose-merge";
import { entryText as entryWords, roleEntryText, targetEntries } from "./diff";
import type { ActivityOutcome } from "./activity";

/**
 * Least privilege from activity: the narrowest scope that admits every recorded request — the
 * targets the requests touched as named entries (`virtualClusters`, `spaces`, `clusters`), the
 * `loft-cli` role for management reads, a whole `projects` entry only for a write to a project's
 * management resources, and a deprecated rule only for a management write that nothing else
 * admits (see propose-candidates.ts for why rules never narrow verbs or resources).
 *
 * With the credential's own scope as `credential`, the proposal stays within it (subset.ts): for
 * each request the first candidate the credential covers, else the credential's own entry that
 * admits it; a request the credential does not admit is reported, not proposed. Pure.
 */

export type ObservedRequest = { request: AccessRequest; line?: number; outcome?: ActivityOutcome };

export interface ProposeOptions {
  /** The credential that made the requests: undefined = not known, null = unrestricted. */
  credential?: AccessKeyScope | null;
  projectNamespacePrefix?: string;
  /** Also admit requests that were refused when recorded (left out by default). */
  includeRefused?: boolean;
}

export interface ProposedEntry {
  /** Where it is in `scope`, e.g. `virtualClusters[0]`. */
  field: string;
  text: string;
  /** The lines of the recorded requests it admits. */
  lines: number[];
}

export interface BeyondCredential {
  line?: number;
  request: AccessRequest;
  /** `denied`: the credential refuses it; `depends`: only a role the platform decides could allow it. */
  answer: "denied" | "depends";
  reasons: string[];
}

export interface ScopeProposal {
  scope: AccessKeyScope;
  entries: ProposedEntry[];
  beyondCredential: BeyondCredential[];
  /** Requests refused when recorded, not admitted (unless `includeRefused`). */
  leftOut: ObservedRequest[];
  /** What the proposal asks beyond the credential: always empty (a guard, shown if it is not). */
  excess: ScopeExcess[];
  notes: string[];
}

export function proposeScope(
  observed: readonly ObservedRequest[],
  options: ProposeOptions = {},
): ScopeProposal {
  const bound = options.credential ?? undefined;
  const evaluate = { projectNamespacePrefix: options.projectNamespacePrefix };
  const refused = (o: ObservedRequest) => o.outcome === "refused" && !options.includeRefused;
  const leftOut = observed.filter(refused);
  const used = observed.filter((o) => !refused(o));
  const beyondCredential: BeyondCredential[] = [];
  const parts: AccessKeyScope[] = [];
  const admitted: ObservedRequest[] = [];
  const chosen = new Map<string, AccessKeyScope>(); // one choice per distinct request
  for (const o of used) {
    const key = JSON.stringify(o.request);
    let part = chosen.get(key);
    if (!part) {
      const found = choose(o.request, bound, evaluate);
      if ("answer" in found) {
        beyondCredential.push({
          ...(o.line ? { line: o.line } : {}),
          request: o.request,
          ...found,
        });
        continue;
      }
      part = found.scope;
      chosen.set(key, part);
      parts.push(part);
    }
    admitted.push(o);
  }
  const scope = mergeEntries(parts, bound);
  const entries = entriesOf(scope).map(({ field, scope: one }) => ({
    field,
    text: entryText(one),
    lines: [
      ...new Set(
        admitted
          .filter((o) => evaluateAccess(one, o.request, evaluate).allowed)
          .flatMap((o) => (o.line ? [o.line] : [])),
      ),
    ],
  }));
  return {
    scope,
    entries,
    beyondCredential,
    leftOut,
    excess: bound ? scopeExcess(scope, bound, "scope") : [],
    notes: notesFor(scope, admitted, evaluate),
  };
}

type Choice = { scope: AccessKeyScope } | { answer: "denied" | "depends"; reasons: string[] };

function choose(
  request: AccessRequest,
  bound: AccessKeyScope | undefined,
  evaluate: { projectNamespacePrefix?: string },
): Choice {
  if (bound) {
    const decision = evaluateAccess(bound, request, evaluate);
    if (!decision.allowed) {
      return {
        answer: decision.answer === "depends" ? "depends" : "denied",
        reasons: decision.reasons,
      };
    }
  }
  const fits = (s: AccessKeyScope) =>
    evaluateAccess(s, request, evaluate).allowed && (!bound || scopeExcess(s, bound).length === 0);
  const candidate = candidates(request).find(fits);
  if (candidate) return { scope: candidate };
  // Only one of the credential's own entries (a rule, a wildcard) admits it: that entry.
  const own = bound
    ? entriesOf(bound).find((e) => evaluateAccess(e.scope, request, evaluate).allowed)
    : undefined;
  return own
    ? { scope: own.scope }
    : { answer: "denied", reasons: ["No entry the credential covers admits it."] };
}

/** What one entry of the proposal is, in words ("virtual cluster default/x", "role loft-cli …"). */
function entryText(one: AccessKeyScope): string {
  const target = targetEntries(one)[0];
  if (target) {
    const text = entryWords(target);
    return target.list === "projects" && target.project !== "*"
      ? `${text} (its spaces, virtual clusters and management resources)`
      : text;
  }
  const role = one.roles?.[0];
  if (role) return roleEntryText(role);
  if (one.allowLoftCli) return "allowLoftCli (deprecated): read-only management requests";
  const rule = one.rules?.[0];
  return rule ? `deprecated ${describeRule(rule, 0).replace(/^Rule 1/, "rule")}` : "";
}

function notesFor(
  scope: AccessKeyScope,
  admitted: ObservedRequest[],
  evaluate: { projectNamespacePrefix?: string },
): string[] {
  const notes: string[] = [];
  if (admitted.length === 0) notes.push("No request to admit: the proposed scope allows nothing.");
  if (scope.projects?.length) {
    notes.push(
      "A projects entry is proposed for writes to a project's management resources; it also admits every space and virtual cluster of that project.",
    );
  }
  if (scope.rules?.length) {
    notes.push(
      "Deprecated rules are proposed only for management requests no other entry admits; the platform may drop them.",
    );
  }
  const missed = admitted.filter((o) => !evaluateAccess(scope, o.request, evaluate).allowed);
  if (missed.length)
    notes.push(
      `Not admitted by the proposal (a bug): lines ${missed.map((o) => o.line ?? "?").join(", ")}.`,
    );
  return notes;
}
