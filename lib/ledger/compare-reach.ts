/**
 * What a token's wildcards reached when it was issued against what they reach now. Target ids are
 * the targets resolver's (`virtualcluster:<project>/<name>`, `space:<project>/<name>`,
 * `cluster:<name>`). Pure and browser-safe: the "Compare with now" control renders it.
 */

/** Same shape as lib/ledger/reach.ts's WildcardReach (that module is server-only). */
export interface ReachSnapshot {
  at: string;
  targets: string[];
  truncated: boolean;
  /** Set when the listing ran out of platform requests: where it stopped, in words. */
  stopped?: string;
}

export interface ReachAnswer {
  /** What the wildcards reached at issue time; null when it was not recorded. */
  then: ReachSnapshot | null;
  now: ReachSnapshot;
}

export interface ReachComparison {
  added: string[];
  gone: string[];
  unchanged: string[];
  /** Either list was cut short: differences may be missing or not real. */
  truncated: boolean;
}

export function compareReach(then: ReachSnapshot, now: ReachSnapshot): ReachComparison {
  const before = new Set(then.targets);
  const after = new Set(now.targets);
  const sorted = (list: string[]) => [...new Set(list)].sort();
  return {
    added: sorted(now.targets.filter((t) => !before.has(t))),
    gone: sorted(then.targets.filter((t) => !after.has(t))),
    unchanged: sorted(now.targets.filter((t) => before.has(t))),
    truncated: then.truncated || now.truncated,
  };
}

const KIND_WORDS: Record<string, string> = {
  virtualcluster: "virtual cluster",
  space: "space",
  cluster: "cluster",
};

/** "virtual cluster demo/dev", "cluster eu-west-1"; an unknown id as it is. */
export function targetLabel(id: string): string {
  const colon = id.indexOf(":");
  const kind = colon === -1 ? undefined : KIND_WORDS[id.slice(0, colon)];
  return kind ? `${kind} ${id.slice(colon + 1)}` : id;
}
