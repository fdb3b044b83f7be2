"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { usePolicy } from "@/components/scope-builder/policy-context";
import { Alert } from "@/components/ui/alert";
import { FieldError, Hint } from "@/components/ui/field";
import type { TokenFormValues } from "@/lib/scope/form";

/** Scoped or unrestricted, asked explicitly: an empty scope reaches nothing, no scope reaches everything. */
export function AccessChoice() {
  const { register, formState } = useFormContext<TokenFormValues>();
  const forbidden = usePolicy()?.forbidUnrestricted ?? false;
  const error = formState.errors.access?.message;
  const access = useWatch<TokenFormValues, "access">({ name: "access" });
  const credential = useWatch<TokenFormValues, "credential">({ name: "credential" });
  const what = credential === "accesskey" ? "access key" : "token";
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium">What may the {what} reach?</legend>
      <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="radio" value="scoped" {...register("access")} />
          Only what I choose below
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input
            type="radio"
            value="unrestricted"
            {...register("access")}
            disabled={forbidden && access !== "unrestricted"}
            aria-describedby={forbidden ? "access-policy" : undefined}
          />
          Everything I can reach (unrestricted)
        </label>
      </div>
      {forbidden ? (
        <Hint id="access-policy">
          Not offered: the console&apos;s policy forbids unrestricted credentials.
        </Hint>
      ) : null}
      <FieldError id="access-error" message={error} />
      {access === "unrestricted" ? (
        <Alert tone="error" className="mt-2">
          An unrestricted {what} carries no scope: whoever holds it can do everything you can until
          it expires{credential === "accesskey" ? " (or for ever, without expiry)" : ""}.
        </Alert>
      ) : null}
    </fieldset>
  );
}
