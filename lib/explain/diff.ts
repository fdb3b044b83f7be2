import type { AccessKeyScope, AccessKeyScopeRole, AccessKeyScopeRule } from "@/lib/scope/schema";
import { scopeExcess } from "@/lib/scope/subset";
import { sameJson } from "@/lib/same-json";
import { describeRule } from "@/lib/scope/describe";
import { compareReach, type ReachComparison } from "@/lib/ledger/compare-reach";
import type { Credential } from "@/lib/scope/constants";

/**
 * Reach diff: what changes from credential `before` to `after` (a rotation: pasted tokens, ledger
 * entries, or one entry then and now) — target entries gained, lost and kept (wildcard-aware: a
 * `*` or a whole project covers named entries, so widening a name to `*` is a gain of the `*` that
 * says what it widens, and narrowing the other way a loss that says what is kept), roles and rules
 * added and removed, lifetime, and, when both sides' resolved targets are given, those too. Pure and
 * browser-safe; diff-words.ts says it in words.
 */

export interface CredentialDescription {
  kind: Credential;
  /** null = unrestricted (no scope). */
  scope: AccessKeyScope | null;
  /** Seconds from issue to expiry; null = never expires. */
  lifetime: number | null;
  /** ISO 8601; null = never. */
  expiresAt?: string | null;
  /** Resolved target ids (`virtualcluster:<p>/<n>`, `space:<p>/<n>`, `cluster:<n>`), if known. */
  targets?: readonly string[];
  targetsTruncated?: boolean;
}

export type TargetEntry =
  | { list: "projects"; project: string }
  | { list: "spaces"; project: string; space: string }
  | { list: "virtualClusters"; project: string; virtualCluster: string }
  | { list: "clusters"; cluster: string };

export interface TargetChange {
  entry: TargetEntry;
  text: string;
  /** Gained: the before-side entries it widens. Lost: the after-side entries it narrows to. */
  related: string[];
  /** Gained: already reached before through this. Lost: still reached through this. */
  coveredBy?: string;
}

export type Change<T> = { before: T; after: T };

export interface CredentialDiff {
  kind: Change<Credential>;
  unrestricted: Change<boolean>;
  targets: { gained: TargetChange[]; lost: TargetChange[]; kept: TargetChange[] };
  lifetime: Change<number | null> & { change: "longer" | "shorter" | "same" };
  /** Only when both sides say when they expire. */
  expires?: Change<string | null> & { change: "later" | "earlier" | "same" };
  roles: { added: TextEntry<AccessKeyScopeRole>[]; removed: TextEntry<AccessKeyScopeRole>[] };
  rules: { added: TextEntry<AccessKeyScopeRule>[]; removed: TextEntry<AccessKeyScopeRule>[] };
  allowLoftCli: Change<boolean>;
  /** Only when both sides' resolved targets are given. */
  resolved?: ReachComparison;
}

export type TextEntry<T> = { entry: T; text: string };

export function targetEntries(scope: AccessKeyScope): TargetEntry[] {
  const out: TargetEntry[] = [
    ...(scope.projects ?? []).map((e) => ({ list: "projects" as const, ...e })),
    ...(scope.spaces ?? []).map((e) => ({ list: "spaces" as const, ...e })),
    ...(scope.virtualClusters ?? []).map((e) => ({ list: "virtualClusters" as const, ...e })),
    ...(scope.clusters ?? []).map((e) => ({ list: "clusters" as const, ...e })),
  ];
  return [...new Map(out.map((e) => [entryKey(e), e])).values()];
}

const entryKey = (e: TargetEntry) => JSON.stringify(e);

/** "virtual cluster default/x", "all spaces of project dev", "project demo", "all clusters". */
export function entryText(e: TargetEntry): string {
  switch (e.list) {
    case "projects":
      return e.project === "*" ? "all projects" : `project ${e.project}`;
    case "spaces":
      return e.space === "*"
        ? `all spaces of project ${e.project}`
        : `space ${e.project}/${e.space}`;
    case "virtualClusters":
      return e.virtualCluster === "*"
        ? `all virtual clusters of project ${e.project}`
        : `virtual cluster ${e.project}/${e.virtualCluster}`;
    case "clusters":
      return e.cluster === "*" ? "all clusters" : `cluster ${e.cluster}`;
  }
}

const asScope = (e: TargetEntry): AccessKeyScope => {
  const { list, ...rest } = e;
  return { [list]: [rest] } as AccessKeyScope;
};
/** Whether `scope` (null = unrestricted) reaches everything `e` does. */
const covers = (scope: AccessKeyScope | null, e: TargetEntry) =>
  scope === null || scopeExcess(asScope(e), scope).length === 0;

const UNRESTRICTED = "no scope (unrestricted)";

/** `from`'s entries missing from `to`, each with what it relates to on the other side. */
function changes(from: AccessKeyScope | null, to: AccessKeyScope | null): TargetChange[] {
  if (from === null) return [];
  const toEntries = to === null ? [] : targetEntries(to);
  const toKeys = new Set(toEntries.map(entryKey));
  return targetEntries(from)
    .filter((e) => !toKeys.has(entryKey(e)))
    .map((e) => {
      const related = toEntries.filter((o) => covers(asScope(e), o)).map(entryText);
      const cover = to === null ? UNRESTRICTED : toEntries.find((o) => covers(asScope(o), e));
      const coveredBy = typeof cover === "object" ? entryText(cover) : cover;
      return { entry: e, text: entryText(e), related, ...(coveredBy ? { coveredBy } : {}) };
    });
}

function listDiff<T>(before: T[], after: T[], text: (t: T, i: number) => string) {
  const missing = (from: T[], to: T[]) => from.filter((x) => !to.some((y) => sameJson(x, y)));
  return {
    added: missing(after, before).map((entry) => ({
      entry,
      text: text(entry, after.indexOf(entry)),
    })),
    removed: missing(before, after).map((entry) => ({
      entry,
      text: text(entry, before.indexOf(entry)),
    })),
  };
}

export function roleEntryText(r: AccessKeyScopeRole): string {
  const limits = [
    r.projects?.length ? `projects ${r.projects.join(", ")}` : "",
    r.virtualClusters?.length ? `virtual clusters ${r.virtualClusters.join(", ")}` : "",
  ].filter(Boolean);
  return `role ${r.role}${limits.length ? ` (${limits.join("; ")})` : ""}`;
}

const compare = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);
const lifetimeOrder = (s: number | null) => (s === null ? Infinity : s);
const timeOrder = (iso: string | null) => (iso === null ? Infinity : Date.parse(iso));

export function diffCredentials(
  before: CredentialDescription,
  after: CredentialDescription,
): CredentialDiff {
  const a = before.scope;
  const b = after.scope;
  const keptKeys = new Set(b === null ? [] : targetEntries(b).map(entryKey));
  const life = compare(lifetimeOrder(before.lifetime), lifetimeOrder(after.lifetime));
  const diff: CredentialDiff = {
    kind: { before: before.kind, after: after.kind },
    unrestricted: { before: a === null, after: b === null },
    targets: {
      gained: changes(b, a),
      lost: changes(a, b),
      kept: (a === null ? [] : targetEntries(a))
        .filter((e) => keptKeys.has(entryKey(e)))
        .map((e) => ({ entry: e, text: entryText(e), related: [] })),
    },
    lifetime: {
      before: before.lifetime,
      after: after.lifetime,
      change: life === 0 ? "same" : life < 0 ? "longer" : "shorter",
    },
    roles: listDiff(a?.roles ?? [], b?.roles ?? [], roleEntryText),
    rules: listDiff(a?.rules ?? [], b?.rules ?? [], (r, i) => describeRule(r, i)),
    allowLoftCli: { before: Boolean(a?.allowLoftCli), after: Boolean(b?.allowLoftCli) },
  };
  if (before.expiresAt !== undefined && after.expiresAt !== undefined) {
    const c = compare(timeOrder(before.expiresAt), timeOrder(after.expiresAt));
    diff.expires = {
      before: before.expiresAt,
      after: after.expiresAt,
      change: c === 0 ? "same" : c < 0 ? "later" : "earlier",
    };
  }
  if (before.targets && after.targets) {
    const snap = (targets: readonly string[], truncated?: boolean) => ({
      at: "",
      targets: [...targets],
      truncated: Boolean(truncated),
    });
    diff.resolved = compareReach(
      snap(before.targets, before.targetsTruncated),
      snap(after.targets, after.targetsTruncated),
    );
  }
  return diff;
}
