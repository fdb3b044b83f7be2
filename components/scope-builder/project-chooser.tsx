"use client";

import { useState } from "react";
import { AsyncCombobox, type ComboOption } from "@/components/scope-builder/async-combobox";
import { usePicker } from "@/components/scope-builder/use-picker";
import { Button } from "@/components/ui/button";
import type { PickerItem } from "@/lib/scope-builder/picker-items";

export const projectOption = (p: PickerItem): ComboOption => ({
  id: p.name,
  label: p.displayName ?? p.name,
  detail: p.displayName ? p.name : undefined,
});

/** Chooses the one project whose spaces or virtual clusters are picked next (server search). */
export function ProjectChooser({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (project: string) => void;
}) {
  const [search, setSearch] = useState("");
  const picker = usePicker({ kind: "projects" }, search);
  if (value) {
    return (
      <div>
        <span className="mb-1 block text-sm">Project</span>
        <div className="flex items-center gap-2 rounded-md border border-zinc-200 px-3 py-1.5 dark:border-zinc-700">
          <span className="truncate font-mono text-sm" data-testid={`${id}-value`}>
            {value}
          </span>
          <Button
            variant="ghost"
            className="ml-auto px-2 py-1"
            onClick={() => onChange("")}
            aria-label={`Change project (now ${value})`}
          >
            Change
          </Button>
        </div>
      </div>
    );
  }
  return (
    <AsyncCombobox
      id={id}
      label="Project"
      placeholder="Search projects…"
      options={picker.items.map(projectOption)}
      inputValue={search}
      onInputValueChange={setSearch}
      onSelect={(option) => {
        setSearch("");
        onChange(option.id);
      }}
      {...picker.combobox}
      emptyMessage={
        search ? `No project matches “${search}”.` : "You are not a member of any project."
      }
    />
  );
}
