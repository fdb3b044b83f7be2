import { infiniteQueryOptions } from "@tanstack/react-query";
import type { PickerPage } from "@/lib/scope-builder/picker-items";
import { getJson } from "@/lib/query-client";

/** react-query factories for the picker lists (server-side search, paged by `continue`). */
export type InstanceKind = "spaces" | "virtualclusters";

function url(path: string, search: string, cont?: string) {
  const params = new URLSearchParams();
  if (search) params.set("search", search);
  if (cont) params.set("continue", cont);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** One list at `path` searched for `search`: every picker list has this one type of query. */
const pickerQuery = (queryKey: readonly string[], path: string, search: string, enabled = true) =>
  infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam, signal }) => getJson<PickerPage>(url(path, search, pageParam), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.continue,
    enabled,
  });

export const projectsQuery = (search: string) =>
  pickerQuery(["projects", search], "/api/projects", search);

export const instancesQuery = (kind: InstanceKind, project: string, search: string) =>
  pickerQuery(
    [kind, project, search],
    `/api/projects/${encodeURIComponent(project)}/${kind}`,
    search,
    Boolean(project),
  );

/** Clusters the signed-in user can see (GET /api/clusters), for the Clusters picker. */
export const clustersQuery = (search: string) =>
  pickerQuery(["clusters", search], "/api/clusters", search);
