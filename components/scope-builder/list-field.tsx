"use client";

import { Controller, useFormContext } from "react-hook-form";
import { firstError } from "@/components/scope-builder/first-error";
import { ListInput } from "@/components/scope-builder/list-input";
import { FieldError, Hint, Label } from "@/components/ui/field";
import type { TokenFormValues } from "@/lib/scope/form";

/**
 * A comma-separated list of a rule or role (`ListInput`) with its label, hint and first error. Its
 * id is the field's path with dashes (`rules-0-namespaces`) unless `id` is given.
 */
export function ListField({
  name,
  label,
  hint,
  placeholder,
  deps,
  id = name.replaceAll(".", "-"),
  numbered = true,
}: {
  name: string;
  label: string;
  hint?: string;
  placeholder?: string;
  /** Fields whose validity depends on this one (re-validated when it changes). */
  deps?: string;
  id?: string;
  /** Whether the first wrong entry's message says which entry it is (`firstError`). */
  numbered?: boolean;
}) {
  const { control } = useFormContext<TokenFormValues>();
  return (
    <Controller
      control={control}
      name={name as "rules.0.namespaces"}
      rules={deps ? { deps: deps as "rules.0.namespaces" } : undefined}
      render={({ field, fieldState }) => {
        const message = firstError(fieldState.error, { numbered });
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
