import type { Instance, Project } from "@/lib/management/resources";

/** What the pickers show of a project, space or virtual cluster. Shared by routes and components. */
export interface PickerItem {
  name: string;
  displayName?: string;
  cluster?: string;
  phase?: string;
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
