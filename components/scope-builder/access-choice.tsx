"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import type { TokenFormValues } from "@/lib/scope/form";

/** Scoped or unrestricted, asked explicitly: an empty scope reaches nothing, no scope reaches everything. */
export function AccessChoice() {
  const { register } = useFormContext<TokenFormValues>();
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
          <input type="radio" value="unrestricted" {...register("access")} />
          Everything I can reach (unrestricted)
        </label>
      </div>
      {access === "unrestricted" ? (
        <Alert tone="error" className="mt-2">
          An unrestricted {what} carries no scope: whoever holds it can do everything you can until
          it expires{credential === "accesskey" ? " (or for ever, without expiry)" : ""}.
        </Alert>
      ) : null}
    </fieldset>
  );
}
