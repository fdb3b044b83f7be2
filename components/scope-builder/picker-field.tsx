"use client";

import { useState } from "react";
import { useFieldArray, useFormContext, type FieldArray } from "react-hook-form";
import { AsyncCombobox, type ComboOption } from "@/components/scope-builder/async-combobox";
import { Chips } from "@/components/scope-builder/chips";
import { firstError } from "@/components/scope-builder/first-error";
import { usePicker } from "@/components/scope-builder/use-picker";
import type { PickerSource } from "@/lib/scope-builder/queries";
import { FieldError } from "@/components/ui/field";
import type { PickerItem } from "@/lib/scope-builder/picker-items";
import type { TokenFormValues } from "@/lib/scope/form";

/** The scope lists chosen with a picker. */
export type PickerList = "projects" | "spaces" | "virtualClusters" | "clusters";
/** One entry of such a list, as the form holds it: `{project}`, `{project, space}`, … */
export type PickerEntry<N extends PickerList> = FieldArray<TokenFormValues, N>;

/** What makes one list's picker: its words, its platform list, and how options become entries. */
export interface PickerConfig<N extends PickerList> {
  name: N;
  /** The combobox's accessible name ("Projects"). */
  label: string;
  placeholder: string;
  source: PickerSource;
  /** The option of one platform object. */
  option: (item: PickerItem) => ComboOption;
  /** The `*` option, listed first while the search is empty or part of its label. */
  wildcard: { label: string; detail: (total: number | undefined) => string };
  /** What the open list says when it has nothing but the wildcard. */
  empty: (search: string) => string;
  /** The form entry a chosen option id (a name or `*`) adds. */
  entry: (id: string) => PickerEntry<N>;
  /** An entry's chip; its text also tells which options are already chosen. */
  chip: (entry: PickerEntry<N>) => { text: string; wildcard: boolean };
  /** Label of the chosen entries' list ("Chosen projects"). */
  chipsLabel: string;
  /** Waiting for something first (a project): nothing to list or choose yet. */
  disabled?: boolean;
}

/** The list's options: the wildcard when it matches the search, then the platform's objects. */
export function pickerOptions(
  items: readonly PickerItem[],
  search: string,
  config: Pick<PickerConfig<PickerList>, "option" | "wildcard">,
  total: number | undefined,
): ComboOption[] {
  const term = search.trim().toLowerCase();
  const { label, detail } = config.wildcard;
  const wildcard: ComboOption[] =
    term === "" || label.toLowerCase().includes(term)
      ? [{ id: "*", label, detail: detail(total), wildcard: true }]
      : [];
  return [...wildcard, ...items.map(config.option)];
}

/**
 * A scope list chosen from a server-searched picker: the combobox (with the `*` option), the chosen
 * entries as removable chips (marked when beyond the signed-in key), and the list's first error.
 * `beside` sits next to the combobox (the project a space or virtual cluster belongs to).
 */
export function PickerField<N extends PickerList>({
  config,
  beyond = {},
  beside,
  resetKey = "",
}: {
  config: PickerConfig<N>;
  /** Why entry i lies beyond the signed-in key, by index. */
  beyond?: Record<number, string>;
  beside?: React.ReactNode;
  /** The search is cleared whenever this changes (another project chosen). */
  resetKey?: string;
}) {
  const { name, label } = config;
  const { control, formState } = useFormContext<TokenFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  // The search belongs to what it was typed for: a new `resetKey` starts from an empty one.
  const [typed, setTyped] = useState({ for: resetKey, text: "" });
  const search = typed.for === resetKey ? typed.text : "";
  const picker = usePicker(config.source, search);
  const chips = fields.map((field, i) => ({
    key: field.id,
    ...config.chip(field),
    beyond: beyond[i],
  }));
  const chosen = new Set(chips.map((chip) => chip.text));
  const isChosen = (option: ComboOption) => chosen.has(config.chip(config.entry(option.id)).text);
  const message = firstError(formState.errors[name]);
  const errorId = `${name}-error`;

  const combobox = (
    <AsyncCombobox
      id={name}
      label={label}
      placeholder={config.placeholder}
      disabled={config.disabled}
      options={config.disabled ? [] : pickerOptions(picker.items, search, config, picker.total)}
      inputValue={search}
      onInputValueChange={(text) => setTyped({ for: resetKey, text })}
      onSelect={(option) => {
        if (!isChosen(option)) append(config.entry(option.id));
      }}
      isSelected={isChosen}
      {...picker.combobox}
      status={config.disabled ? "ready" : picker.combobox.status}
      emptyMessage={config.empty(search)}
      invalid={Boolean(message)}
      describedBy={message ? errorId : undefined}
    />
  );
  const rest = (
    <>
      <Chips label={config.chipsLabel} items={chips} onRemove={remove} />
      <FieldError id={errorId} message={message} />
    </>
  );

  if (!beside) {
    return (
      <div>
        {combobox}
        {rest}
      </div>
    );
  }
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{label}</legend>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,14rem)_1fr]">
        {beside}
        {combobox}
      </div>
      {rest}
    </fieldset>
  );
}
