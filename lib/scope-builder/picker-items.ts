import type { Cluster, Instance, Project } from "@/lib/management/resources";

/** What the pickers show of a project, space, virtual cluster or cluster. Shared by routes and components. */
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
  /** Items after this page, when known. */
  remaining?: number;
}

export function toPickerItem(object: Project | Instance | Cluster): PickerItem {
  const spec = object.spec as Instance["spec"];
  const status = (object as Instance).status;
  const item: PickerItem = { name: object.metadata.name };
  if (spec?.displayName) item.displayName = spec.displayName;
  if (spec?.clusterRef?.cluster) item.cluster = spec.clusterRef.cluster;
  if (status?.phase) item.phase = status.phase;
  if (typeof status?.canUse === "boolean") item.canUse = status.canUse;
  return item;
}

export const PAGE_SIZE = 50;

/** Case-insensitive match of a picker's search text against name and display name, best first. */
export function matchItems(items: readonly PickerItem[], term: string): PickerItem[] {
  const t = term.trim().toLowerCase();
  if (!t) return [...items];
  const ranked: Array<[number, number, PickerItem]> = [];
  items.forEach((item, index) => {
    const name = item.name.toLowerCase();
    const display = item.displayName?.toLowerCase() ?? "";
    const rank =
      name === t ? 0 : name.startsWith(t) ? 1 : name.includes(t) ? 2 : display.includes(t) ? 3 : -1;
    if (rank >= 0) ranked.push([rank, index, item]);
  });
  return ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , item]) => item);
}
