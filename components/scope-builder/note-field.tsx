"use client";

import { useFormContext } from "react-hook-form";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { usePolicy } from "@/components/scope-builder/policy-context";
import type { TokenFormValues } from "@/lib/scope/form";
import { NOTE_MAX_LENGTH } from "@/lib/scope/constants";

/** "What is this token for?": kept with the token's entry in the ledger, never sent to the platform. */
export function NoteField() {
  const { register, formState } = useFormContext<TokenFormValues>();
  const required = usePolicy()?.requireNote ?? false;
  const error = formState.errors.note?.message;
  return (
    <div>
      <Label htmlFor="note">Note</Label>
      <Input
        id="note"
        {...register("note")}
        maxLength={NOTE_MAX_LENGTH}
        aria-required={required || undefined}
        placeholder="What is this token for? e.g. CI deploys to payments"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "note-hint note-error" : "note-hint"}
      />
      <Hint id="note-hint">
        {required ? "Required by the console's policy." : "Optional."} Shown in Issued tokens and in
        the inspector; kept by this console, not the platform.
      </Hint>
      <FieldError id="note-error" message={error} />
    </div>
  );
}
