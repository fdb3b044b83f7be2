"use client";

import { useFormContext } from "react-hook-form";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { DESCRIPTION_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH } from "@/lib/scope/constants";
import type { TokenFormValues } from "@/lib/scope/form";

/** An access key's "Display name" (required) and "Description": shown on the platform's key list. */
export function AccessKeyFields() {
  const { register, formState } = useFormContext<TokenFormValues>();
  const nameError = formState.errors.displayName?.message;
  const descriptionError = formState.errors.description?.message;
  return (
    <div className="space-y-4">
      <div>
        <Label htmlFor="display-name">Display name</Label>
        <Input
          id="display-name"
          {...register("displayName")}
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          autoComplete="off"
          placeholder="e.g. CI deploys to payments"
          aria-required="true"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={
            nameError ? "display-name-hint display-name-error" : "display-name-hint"
          }
        />
        <Hint id="display-name-hint">
          Required. How the key is listed on the platform; its name is made from it.
        </Hint>
        <FieldError id="display-name-error" message={nameError} />
      </div>
      <div>
        <Label htmlFor="description">Description</Label>
        <Textarea
          id="description"
          {...register("description")}
          rows={2}
          maxLength={DESCRIPTION_MAX_LENGTH}
          className="font-sans text-sm"
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={
            descriptionError ? "description-hint description-error" : "description-hint"
          }
        />
        <Hint id="description-hint">Optional. Kept on the platform with the key.</Hint>
        <FieldError id="description-error" message={descriptionError} />
      </div>
    </div>
  );
}
