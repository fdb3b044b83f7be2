import type { Instance, List, Project } from "@/lib/management/resources";

/** What the pickers show of a project, space or virtual cluster. Shared by routes and components. */
export interface PickerItem {
  name: string;
  displayName?: string;
  cluster?: string;
  phase?: string;
  /** False when the platform says the signed-in user cannot use it (`status.canUse`, extended lists). */
  canUse?: boolean;
}

export interface PickerPage {
  items: PickerItem[];
  continue?: string;
  remaining?: number;
}

export function toPickerItem(object: Project | Instance): PickerItem {
  const spec = object.spec as Instance["spec"];
  return {
    name: object.metadata.name,
    displayName: spec?.displayName || undefined,
    cluster: spec?.clusterRef?.cluster || undefined,
    phase: (object as Instance).status?.phase || undefined,
  };
}

export const PAGE_SIZE = 50;

/** The list query a picker route forwards: one page, the `continue` key, a bounded search text. */
export function pickerQuery(request: Request) {
  const params = new URL(request.url).searchParams;
  return {
    limit: PAGE_SIZE,
    continue: params.get("continue") ?? undefined,
    search: params.get("search")?.slice(0, 100) || undefined,
  };
}

/** A platform list as the pickers' JSON response (revalidated on each use, private to the user). */
export function pickerResponse(list: List<Project | Instance>): Response {
  const page: PickerPage = {
    items: list.items.map(toPickerItem),
    continue: list.metadata.continue || undefined,
    remaining: list.metadata.remainingItemCount,
  };
  return Response.json(page, { headers: { "cache-control": "private, no-cache" } });
}
