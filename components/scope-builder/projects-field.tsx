"use client";

import { PickerField } from "@/components/scope-builder/picker-field";
import { projectOption } from "@/components/scope-builder/project-chooser";

/** `projects`: projects the token may reach, from the platform's list, or all of them (*). */
export function ProjectsField({ beyond }: { beyond?: Record<number, string> }) {
  return (
    <PickerField
      beyond={beyond}
      config={{
        name: "projects",
        label: "Projects",
        placeholder: "Search projects…",
        source: { kind: "projects" },
        option: projectOption,
        wildcard: {
          label: "All projects (*)",
          detail: (total) =>
            total !== undefined
              ? `Matches the ${total} projects you can see today, and future ones`
              : "Every project, including future ones",
        },
        empty: (search) =>
          search ? `No project matches “${search}”.` : "You are not a member of any project.",
        entry: (project) => ({ project }),
        chip: ({ project }) => ({
          text: project === "*" ? "* (all projects)" : project,
          wildcard: project === "*",
        }),
        chipsLabel: "Chosen projects",
      }}
    />
  );
}
