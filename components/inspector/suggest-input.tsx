"use client";

import { useId } from "react";
import { FieldError, Label } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** A free-text field with optional live suggestions (a native datalist: keyboard and screen-reader friendly). */
export function SuggestInput({
  id,
  label,
  value,
  onChange,
  suggestions = [],
  placeholder,
  required,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  suggestions?: { value: string; label?: string }[];
  placeholder?: string;
  required?: boolean;
  error?: string;
}) {
  const listId = useId();
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        list={suggestions.length ? listId : undefined}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {suggestions.length ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </datalist>
      ) : null}
      {/* Not announced one by one: the checker's result line says to fix the fields marked. */}
      <FieldError id={`${id}-error`} message={error} announce={false} />
    </div>
  );
}
