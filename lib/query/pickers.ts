import { infiniteQueryOptions } from "@tanstack/react-query";
import type { PickerPage } from "@/lib/api/pickers";
import { getJson } from "@/lib/query/client";

/** react-query factories for the picker lists (server-side search, paged by `continue`). */
export type InstanceKind = "spaces" | "virtualclusters";

function url(path: string, search: string, cont?: string) {
  const params = new URLSearchParams();
  if (search) params.set("search", search);
  if (cont) params.set("continue", cont);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export const projectsQuery = (search: string) =>
  infiniteQueryOptions({
    queryKey: ["projects", search],
    queryFn: ({ pageParam, signal }) =>
      getJson<PickerPage>(url("/api/projects", search, pageParam), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.continue,
  });

export const instancesQuery = (kind: InstanceKind, project: string, search: string) =>
  infiniteQueryOptions({
    queryKey: [kind, project, search],
    queryFn: ({ pageParam, signal }) =>
      getJson<PickerPage>(
        url(`/api/projects/${encodeURIComponent(project)}/${kind}`, search, pageParam),
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.continue,
    enabled: Boolean(project),
  });

/** Clusters the signed-in user can see (GET /api/clusters), for the Clusters picker. */
export const clustersQuery = (search: string) =>
  infiniteQueryOptions({
    queryKey: ["clusters", search],
    queryFn: ({ pageParam, signal }) =>
      getJson<PickerPage>(url("/api/clusters", search, pageParam), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.continue,
  });
