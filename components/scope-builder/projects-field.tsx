"use client";

import { useState } from "react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { AsyncCombobox, type ComboOption } from "@/components/scope-builder/async-combobox";
import { Chips } from "@/components/scope-builder/chips";
import { projectOption } from "@/components/scope-builder/project-chooser";
import { usePicker } from "@/components/scope-builder/use-picker";
import { FieldError } from "@/components/ui/field";
import type { TokenFormValues } from "@/lib/scope/form";

export function ProjectsField({ beyond = {} }: { beyond?: Record<number, string> }) {
  const { control, formState } = useFormContext<TokenFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: "projects" });
  const [search, setSearch] = useState("");
  const picker = usePicker({ kind: "projects" }, search);
  const chosen = new Set(fields.map((f) => f.project));

  const options: ComboOption[] = [
    ...(search.trim() === "" || "all projects *".includes(search.trim().toLowerCase())
      ? [
          {
            id: "*",
            label: "All projects (*)",
            detail:
              picker.total !== undefined
                ? `Matches the ${picker.total} projects you can see today, and future ones`
                : "Every project, including future ones",
            wildcard: true,
          },
        ]
      : []),
    ...picker.items.map(projectOption),
  ];

  const errors = formState.errors.projects;
  const message =
    errors?.message ??
    errors?.root?.message ??
    (Array.isArray(errors)
      ? (errors.find(Boolean)?.project?.message ?? errors.find(Boolean)?.message)
      : undefined);

  return (
    <div>
      <AsyncCombobox
        id="projects"
        label="Projects"
        placeholder="Search projects…"
        options={options}
        inputValue={search}
        onInputValueChange={setSearch}
        onSelect={(option) => {
          if (!chosen.has(option.id)) append({ project: option.id });
        }}
        isSelected={(option) => chosen.has(option.id)}
        {...picker.combobox}
        emptyMessage={
          search ? `No project matches “${search}”.` : "You are not a member of any project."
        }
        invalid={Boolean(message)}
        describedBy={message ? "projects-error" : undefined}
      />
      <Chips
        label="Chosen projects"
        items={fields.map((f, i) => ({
          key: f.id,
          text: f.project === "*" ? "* (all projects)" : f.project,
          wildcard: f.project === "*",
          beyond: beyond[i],
        }))}
        onRemove={remove}
      />
      <FieldError id="projects-error" message={message} />
    </div>
  );
}
