import type { AccessKeyScope } from "@/lib/scope/schema";

/**
 * A scope's target-naming entries, each distinct entry once: repeats of an entry are folded into it,
 * keeping every position they had (`labels`, e.g. `projects[0]`, `projects[3]`), so a target still
 * says which entries reach it while the platform is asked once. Pure.
 */
export type InstanceKind = "virtualclusters" | "spaces";

/** What one entry names: instances of a project (`name` may be `*`), a whole project, a cluster. */
export type EntryTarget =
  | { type: "instance"; kind: InstanceKind; project: string; name: string }
  | { type: "project"; project: string }
  | { type: "cluster"; name: string };

export type ScopeEntry = EntryTarget & { labels: string[] };

const LISTS = ["virtualClusters", "spaces", "projects", "clusters"] as const;

/** Virtual clusters, spaces, projects, clusters: in that order, each in scope order. */
export function scopeEntries(scope: AccessKeyScope): ScopeEntry[] {
  const byKey = new Map<string, ScopeEntry>();
  const add = (label: string, target: EntryTarget) => {
    const key = JSON.stringify(target);
    const known = byKey.get(key);
    if (known) known.labels.push(label);
    else byKey.set(key, { ...target, labels: [label] });
  };
  (scope.virtualClusters ?? []).forEach(({ project, virtualCluster }, i) =>
    add(`virtualClusters[${i}]`, {
      type: "instance",
      kind: "virtualclusters",
      project,
      name: virtualCluster,
    }),
  );
  (scope.spaces ?? []).forEach(({ project, space }, i) =>
    add(`spaces[${i}]`, { type: "instance", kind: "spaces", project, name: space }),
  );
  (scope.projects ?? []).forEach(({ project }, i) =>
    add(`projects[${i}]`, { type: "project", project }),
  );
  (scope.clusters ?? []).forEach(({ cluster }, i) =>
    add(`clusters[${i}]`, { type: "cluster", name: cluster }),
  );
  return [...byKey.values()];
}

/**
 * Entry labels in short: `spaces[0–3, 7], projects[0–63]` (lists in scope order, indexes ascending,
 * consecutive ones as a range). Labels that name no entry (`unrestricted token`) are left out.
 */
export function entryRanges(labels: Iterable<string>): string {
  const byList = new Map<string, number[]>(LISTS.map((list) => [list, []]));
  for (const label of labels) {
    const match = /^(\w+)\[(\d+)\]$/.exec(label);
    if (match) byList.get(match[1]!)?.push(Number(match[2]));
  }
  const parts: string[] = [];
  for (const [list, indexes] of byList) {
    if (!indexes.length) continue;
    const runs: string[] = [];
    const sorted = [...new Set(indexes)].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length;) {
      let j = i;
      while (sorted[j + 1] === sorted[j]! + 1) j++;
      runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
      i = j + 1;
    }
    parts.push(`${list}[${runs.join(", ")}]`);
  }
  return parts.join(", ");
}
