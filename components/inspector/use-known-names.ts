"use client";

import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { PickerPage } from "@/lib/scope-builder/picker-items";
import {
  pickerSourceQuery,
  type InstanceKind,
  type PickerSource,
} from "@/lib/scope-builder/queries";
import type { KnownNames } from "@/lib/scope/describe";
import type { AccessKeyScope } from "@/lib/scope/schema";

/** At most this many projects are looked up, so a huge scope cannot fan out into many requests. */
const MAX_PROJECTS = 10;
const MAX_NAMES = 20;

type Names = {
  projects: string[];
  clusters: string[];
  spaces: Record<string, string[]>;
  virtualClusters: Record<string, string[]>;
};

function namesIn(scope: AccessKeyScope): Names {
  const group = (list: { project: string; name: string }[]) => {
    const out: Record<string, string[]> = {};
    for (const { project, name } of list) (out[project] ??= []).push(name);
    return out;
  };
  const spaces = group((scope.spaces ?? []).map((s) => ({ project: s.project, name: s.space })));
  const virtualClusters = group(
    (scope.virtualClusters ?? []).map((v) => ({ project: v.project, name: v.virtualCluster })),
  );
  const projects = [
    ...(scope.projects ?? []).map((p) => p.project),
    ...Object.keys(spaces),
    ...Object.keys(virtualClusters),
  ];
  const clusters = [...new Set((scope.clusters ?? []).map((c) => c.cluster))];
  return { projects: [...new Set(projects)], clusters, spaces, virtualClusters };
}

/**
 * Names a list holds: the whole list when its first page is complete (then counts for `*` are
 * right), else the exact matches of a server-side search per name — or undefined when a `*` needs a
 * count that an incomplete list cannot give.
 */
async function lookUp(
  fetchPage: (search: string) => Promise<PickerPage | undefined>,
  names: string[],
): Promise<string[] | undefined> {
  const first = await fetchPage("");
  if (!first) return undefined;
  const all = first.items.map((item) => item.name);
  if (!first.continue) return all;
  if (names.includes("*")) return undefined;
  const wanted = names.filter((n) => !all.includes(n)).slice(0, MAX_NAMES);
  const found = await Promise.all(
    wanted.map(async (name) =>
      (await fetchPage(name))?.items.some((item) => item.name === name) ? name : undefined,
    ),
  );
  return [...all, ...found.filter((n): n is string => Boolean(n))];
}

/** The first page of `source`'s list searched for a name, through the query cache. */
const firstPage = (client: QueryClient, source: PickerSource) => async (search: string) =>
  (await client.fetchInfiniteQuery(pickerSourceQuery(source, search))).pages[0];

async function knownNames(client: QueryClient, names: Names): Promise<KnownNames> {
  const projects = await lookUp(firstPage(client, { kind: "projects" }), names.projects);
  const instances = async (kind: InstanceKind, byProject: Record<string, string[]>) => {
    const out: Record<string, string[]> = {};
    const entries = Object.entries(byProject)
      .filter(([project]) => !projects || projects.includes(project))
      .slice(0, MAX_PROJECTS);
    await Promise.all(
      entries.map(async ([project, list]) => {
        const found = await lookUp(firstPage(client, { kind, project }), list);
        if (found) out[project] = found;
      }),
    );
    return out;
  };
  const [spaces, virtualClusters, clusters] = await Promise.all([
    instances("spaces", names.spaces),
    instances("virtualclusters", names.virtualClusters),
    names.clusters.length
      ? lookUp(firstPage(client, { kind: "clusters" }), names.clusters).catch(() => undefined)
      : undefined,
  ]);
  return {
    ...(projects ? { projects } : {}),
    ...(clusters ? { clusters } : {}),
    spaces,
    virtualClusters,
  };
}

/** When signed in: which of the scope's names exist on the platform (bounded look-ups). */
export function useKnownNames(scope: AccessKeyScope | undefined, signedIn: boolean) {
  const client = useQueryClient();
  const names = scope ? namesIn(scope) : undefined;
  return useQuery({
    queryKey: ["known-names", names],
    queryFn: () => knownNames(client, names!),
    enabled: signedIn && Boolean(names && (names.projects.length > 0 || names.clusters.length > 0)),
    staleTime: 30_000,
  });
}
