"use client";

import { useState } from "react";
import {
  PickerField,
  type PickerConfig,
  type PickerEntry,
} from "@/components/scope-builder/picker-field";
import { ProjectChooser } from "@/components/scope-builder/project-chooser";
import type { InstanceKind } from "@/lib/scope-builder/queries";

type InstanceList = "spaces" | "virtualClusters";

/** What differs between spaces and virtual clusters. */
const LISTS: {
  [N in InstanceList]: Pick<PickerConfig<N>, "label" | "chip"> & {
    one: string;
    many: string;
    kind: InstanceKind;
    entry: (project: string, name: string) => PickerEntry<N>;
  };
} = {
  spaces: {
    label: "Spaces",
    one: "space",
    many: "spaces",
    kind: "spaces",
    entry: (project, space) => ({ project, space }),
    chip: ({ project, space }) => ({ text: `${project}/${space}`, wildcard: space === "*" }),
  },
  virtualClusters: {
    label: "Virtual clusters",
    one: "virtual cluster",
    many: "virtual clusters",
    kind: "virtualclusters",
    entry: (project, virtualCluster) => ({ project, virtualCluster }),
    chip: ({ project, virtualCluster }) => ({
      text: `${project}/${virtualCluster}`,
      wildcard: virtualCluster === "*",
    }),
  },
};

/** Project + name pairs: pick a project, then a space / virtual cluster of it or all of them (*). */
export function InstancesField<N extends InstanceList>({
  name,
  beyond,
}: {
  name: N;
  beyond?: Record<number, string>;
}) {
  const list = LISTS[name];
  const { one, many } = list;
  const [project, setProject] = useState("");
  return (
    <PickerField
      beyond={beyond}
      resetKey={project}
      beside={<ProjectChooser id={`${name}-project`} value={project} onChange={setProject} />}
      config={{
        name,
        label: list.label,
        placeholder: project ? `Search ${many} in ${project}…` : "Choose a project first",
        disabled: !project,
        source: { kind: list.kind, project },
        option: (i) => ({
          id: i.name,
          label: i.displayName ?? i.name,
          ...(i.canUse === false
            ? { unavailable: `The platform says you cannot use this ${one}` }
            : {}),
          detail:
            [i.displayName ? i.name : undefined, i.cluster && `cluster ${i.cluster}`, i.phase]
              .filter(Boolean)
              .join(" · ") || undefined,
        }),
        wildcard: {
          label: "All in this project (*)",
          detail: (total) =>
            total !== undefined
              ? `Matches ${total} ${many} in ${project} today, and future ones`
              : `Every ${one} in ${project}, including future ones`,
        },
        empty: (search) =>
          search ? `No ${one} in ${project} matches “${search}”.` : `${project} has no ${many}.`,
        entry: (id) => list.entry(project, id),
        chip: list.chip,
        chipsLabel: `Chosen ${many}`,
      }}
    />
  );
}
