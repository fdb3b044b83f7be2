"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import {
  clustersQuery,
  instancesQuery,
  projectsQuery,
  type InstanceKind,
} from "@/lib/scope-builder/queries";

type Suggestion = { value: string; label?: string };

function toSuggestions(pages: { items: { name: string; displayName?: string }[] }[] | undefined) {
  return (pages?.[0]?.items ?? []).map((item): Suggestion => ({
    value: item.name,
    label: item.displayName && item.displayName !== item.name ? item.displayName : undefined,
  }));
}

/** First page of a server-side search for projects (signed in only). */
export function useProjectSuggestions(search: string, enabled: boolean): Suggestion[] {
  const deferred = useDeferredValue(search.trim());
  const query = useInfiniteQuery({ ...projectsQuery(deferred), enabled });
  return enabled ? toSuggestions(query.data?.pages) : [];
}

/** First page of a server-side search for clusters (signed in only). */
export function useClusterSuggestions(search: string, enabled: boolean): Suggestion[] {
  const deferred = useDeferredValue(search.trim());
  const query = useInfiniteQuery({ ...clustersQuery(deferred), enabled, retry: false });
  return enabled ? toSuggestions(query.data?.pages) : [];
}

/** First page of a server-side search for a project's spaces or virtual clusters. */
export function useInstanceSuggestions(
  kind: InstanceKind,
  project: string,
  search: string,
  enabled: boolean,
): Suggestion[] {
  const deferred = useDeferredValue(search.trim());
  const query = useInfiniteQuery({
    ...instancesQuery(kind, project.trim(), deferred),
    enabled: enabled && Boolean(project.trim()),
    retry: false,
  });
  return enabled ? toSuggestions(query.data?.pages) : [];
}
