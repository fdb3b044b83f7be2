"use client";

import { useState } from "react";
import { useFieldArray, useFormContext, type FieldErrors } from "react-hook-form";
import { AsyncCombobox, type ComboOption } from "@/components/scope-builder/async-combobox";
import { Chips } from "@/components/scope-builder/chips";
import { ProjectChooser } from "@/components/scope-builder/project-chooser";
import { usePicker } from "@/components/scope-builder/use-picker";
import { FieldError } from "@/components/ui/field";
import type { TokenFormValues } from "@/lib/scope/form";

const KINDS = {
  spaces: { label: "Spaces", one: "space", many: "spaces", key: "space", api: "spaces" },
  virtualClusters: {
    label: "Virtual clusters",
    one: "virtual cluster",
    many: "virtual clusters",
    key: "virtualCluster",
    api: "virtualclusters",
  },
} as const;

type Entry = { project: string; space?: string; virtualCluster?: string };

/** Project + name pairs: pick a project, then a space / virtual cluster of it or all of them (*). */
export function InstancesField({
  name,
  beyond = {},
}: {
  name: keyof typeof KINDS;
  beyond?: Record<number, string>;
}) {
  const kind = KINDS[name];
  const { control, formState } = useFormContext<TokenFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const entries = fields as unknown as Array<Entry & { id: string }>;
  const [project, setProject] = useState("");
  const [search, setSearch] = useState("");
  const picker = usePicker({ kind: kind.api, project }, search);
  const chosen = new Set(entries.map((e) => `${e.project}/${e[kind.key]}`));

  const options: ComboOption[] = project
    ? [
        ...(["", "*"].includes(search.trim()) ||
        "all in this project".startsWith(search.trim().toLowerCase())
          ? [
              {
                id: "*",
                label: "All in this project (*)",
                detail:
                  picker.total !== undefined
                    ? `Matches ${picker.total} ${kind.many} in ${project} today, and future ones`
                    : `Every ${kind.one} in ${project}, including future ones`,
                wildcard: true,
              },
            ]
          : []),
        ...picker.items.map((i) => ({
          id: i.name,
          label: i.displayName ?? i.name,
          ...(i.canUse === false
            ? { unavailable: `The platform says you cannot use this ${kind.one}` }
            : {}),
          detail:
            [i.displayName ? i.name : undefined, i.cluster && `cluster ${i.cluster}`, i.phase]
              .filter(Boolean)
              .join(" · ") || undefined,
        })),
      ]
    : [];

  const errors = formState.errors[name] as
    (FieldErrors<Entry[]> & { message?: string; root?: { message?: string } }) | undefined;
  const first = Array.isArray(errors) ? errors.find(Boolean) : undefined;
  const message =
    errors?.message ??
    errors?.root?.message ??
    first?.project?.message ??
    first?.[kind.key]?.message ??
    first?.message;

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{kind.label}</legend>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,14rem)_1fr]">
        <ProjectChooser
          id={`${name}-project`}
          value={project}
          onChange={(next) => {
            setProject(next);
            setSearch("");
          }}
        />
        <AsyncCombobox
          id={name}
          label={kind.label}
          placeholder={project ? `Search ${kind.many} in ${project}…` : "Choose a project first"}
          disabled={!project}
          options={options}
          inputValue={search}
          onInputValueChange={setSearch}
          onSelect={(option) => {
            if (!chosen.has(`${project}/${option.id}`))
              append({ project, [kind.key]: option.id } as never);
          }}
          isSelected={(option) => chosen.has(`${project}/${option.id}`)}
          {...picker.combobox}
          status={project ? picker.combobox.status : "ready"}
          emptyMessage={
            search
              ? `No ${kind.one} in ${project} matches “${search}”.`
              : `${project} has no ${kind.many}.`
          }
          invalid={Boolean(message)}
          describedBy={message ? `${name}-error` : undefined}
        />
      </div>
      <Chips
        label={`Chosen ${kind.many}`}
        items={entries.map((e, i) => ({
          key: e.id,
          text: `${e.project}/${e[kind.key]}`,
          wildcard: e[kind.key] === "*",
          beyond: beyond[i],
        }))}
        onRemove={remove}
      />
      <FieldError id={`${name}-error`} message={message} />
    </fieldset>
  );
}
