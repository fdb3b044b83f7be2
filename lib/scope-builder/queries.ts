import { infiniteQueryOptions } from "@tanstack/react-query";
import type { PickerPage } from "@/lib/scope-builder/picker-items";
import { getJson, STALE_MS } from "@/lib/query-client";

/** react-query factories for the picker lists (server-side search, paged by `continue`). */
export type InstanceKind = "spaces" | "virtualclusters";

/** Which list a picker reads: projects, clusters, or one project's spaces or virtual clusters. */
export type PickerSource =
  { kind: "projects" } | { kind: "clusters" } | { kind: InstanceKind; project: string };

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
    // A search that found nothing is asked again when it is typed again a second later (the
    // server then reads its list again too): what was created meanwhile is found.
    staleTime: (query) => (query.state.data?.pages[0]?.items.length ? STALE_MS : 1_000),
  });

/**
 * The query of `source`'s list searched for `search` (the builder's pickers, the inspector's
 * suggestions and known names): projects (GET /api/projects), the clusters the signed-in user can
 * see (GET /api/clusters), or a project's spaces or virtual clusters (none without a project).
 */
export function pickerSourceQuery(source: PickerSource, search: string) {
  if (source.kind === "projects") return pickerQuery(["projects", search], "/api/projects", search);
  if (source.kind === "clusters") return pickerQuery(["clusters", search], "/api/clusters", search);
  const { kind, project } = source;
  return pickerQuery(
    [kind, project, search],
    `/api/projects/${encodeURIComponent(project)}/${kind}`,
    search,
    Boolean(project),
  );
}
