"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import {
  pickerSourceQuery,
  type InstanceKind,
  type PickerSource,
} from "@/lib/scope-builder/queries";

type Suggestion = { value: string; label?: string };

function toSuggestions(pages: { items: { name: string; displayName?: string }[] }[] | undefined) {
  return (pages?.[0]?.items ?? []).map((item): Suggestion => ({
    value: item.name,
    label: item.displayName && item.displayName !== item.name ? item.displayName : undefined,
  }));
}

/** First page of a server-side search of `source`'s list (none while not `enabled`). */
function useSuggestions(
  source: PickerSource,
  search: string,
  enabled: boolean,
  options: { retry?: false } = {},
): Suggestion[] {
  const deferred = useDeferredValue(search.trim());
  const query = useInfiniteQuery({ ...pickerSourceQuery(source, deferred), enabled, ...options });
  return enabled ? toSuggestions(query.data?.pages) : [];
}

/** First page of a server-side search for projects (signed in only). */
export function useProjectSuggestions(search: string, enabled: boolean): Suggestion[] {
  return useSuggestions({ kind: "projects" }, search, enabled);
}

/** First page of a server-side search for clusters (signed in only). */
export function useClusterSuggestions(search: string, enabled: boolean): Suggestion[] {
  return useSuggestions({ kind: "clusters" }, search, enabled, { retry: false });
}

/** First page of a server-side search for a project's spaces or virtual clusters. */
export function useInstanceSuggestions(
  kind: InstanceKind,
  project: string,
  search: string,
  enabled: boolean,
): Suggestion[] {
  const name = project.trim();
  return useSuggestions({ kind, project: name }, search, enabled && Boolean(name), {
    retry: false,
  });
}
