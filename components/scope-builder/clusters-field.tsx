"use client";

import { useState } from "react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { AsyncCombobox, type ComboOption } from "@/components/scope-builder/async-combobox";
import { Chips } from "@/components/scope-builder/chips";
import { usePicker } from "@/components/scope-builder/use-picker";
import { FieldError } from "@/components/ui/field";
import type { TokenFormValues } from "@/lib/scope/form";

/** `clusters`: clusters the token may reach, from the platform's list, or all of them (*). */
export function ClustersField({ beyond = {} }: { beyond?: Record<number, string> }) {
  const { control, formState } = useFormContext<TokenFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: "clusters" });
  const [search, setSearch] = useState("");
  const picker = usePicker({ kind: "clusters" }, search);
  const chosen = new Set(fields.map((f) => f.cluster));
  const term = search.trim().toLowerCase();

  const options: ComboOption[] = [
    ...(term === "" || "all clusters *".includes(term)
      ? [
          {
            id: "*",
            label: "All clusters (*)",
            detail:
              picker.total !== undefined
                ? `Matches the ${picker.total} clusters you can see today, and future ones`
                : "Every cluster, including future ones",
            wildcard: true,
          },
        ]
      : []),
    ...picker.items.map((c) => ({
      id: c.name,
      label: c.displayName ?? c.name,
      detail: c.displayName ? c.name : undefined,
    })),
  ];

  const errors = formState.errors.clusters;
  const message =
    errors?.message ??
    errors?.root?.message ??
    (Array.isArray(errors)
      ? (errors.find(Boolean)?.cluster?.message ?? errors.find(Boolean)?.message)
      : undefined);

  return (
    <div>
      <AsyncCombobox
        id="clusters"
        label="Clusters"
        placeholder="Search clusters…"
        options={options}
        inputValue={search}
        onInputValueChange={setSearch}
        onSelect={(option) => {
          if (!chosen.has(option.id)) append({ cluster: option.id });
        }}
        isSelected={(option) => chosen.has(option.id)}
        {...picker.combobox}
        emptyMessage={search ? `No cluster matches “${search}”.` : "You can see no clusters."}
        invalid={Boolean(message)}
        describedBy={message ? "clusters-error" : undefined}
      />
      <Chips
        label="Chosen clusters"
        items={fields.map((f, i) => ({
          key: f.id,
          text: f.cluster === "*" ? "* (all clusters)" : f.cluster,
          wildcard: f.cluster === "*",
          beyond: beyond[i],
        }))}
        onRemove={remove}
      />
      <FieldError id="clusters-error" message={message} />
    </div>
  );
}
