"use client";

import { Controller, useFormContext, type FieldError as RhfError } from "react-hook-form";
import { ListInput } from "@/components/scope-builder/list-input";
import { FieldError, Hint, Label } from "@/components/ui/field";
import type { TokenFormValues } from "@/lib/scope/form";

/** First message among a list field's own error and its items' errors. */
export function listErrorMessage(error: unknown): string | undefined {
  if (!error) return undefined;
  const e = error as RhfError & Record<number, RhfError | undefined>;
  if (e.message) return e.message;
  if (Array.isArray(error)) {
    const index = error.findIndex(Boolean);
    if (index >= 0) return `Entry ${index + 1}: ${(error[index] as RhfError).message}`;
  }
  return e.root?.message;
}

export function RuleListField({
  name,
  label,
  hint,
  placeholder,
  deps,
}: {
  name: string;
  label: string;
  hint?: string;
  placeholder?: string;
  /** Fields whose validity depends on this one (re-validated when it changes). */
  deps?: string;
}) {
  const { control } = useFormContext<TokenFormValues>();
  const id = name.replaceAll(".", "-");
  return (
    <Controller
      control={control}
      name={name as "rules.0.namespaces"}
      rules={deps ? { deps: deps as "rules.0.namespaces" } : undefined}
      render={({ field, fieldState }) => {
        const message = listErrorMessage(fieldState.error);
        return (
          <div>
            <Label htmlFor={id} className="font-normal">
              {label}
            </Label>
            <ListInput
              id={id}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              placeholder={placeholder}
              aria-invalid={Boolean(message) || undefined}
              aria-describedby={message ? `${id}-error` : hint ? `${id}-hint` : undefined}
            />
            <FieldError id={`${id}-error`} message={message} />
            {hint && !message ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
          </div>
        );
      }}
    />
  );
}
