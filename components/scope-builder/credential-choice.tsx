"use client";

import { useFormContext } from "react-hook-form";
import type { TokenFormValues } from "@/lib/scope/form";

const CHOICES = [
  {
    value: "token",
    label: "Direct Cluster Endpoint Token",
    hint: "A signed token for clusters' direct endpoints (legacy on current platforms).",
  },
  {
    value: "accesskey",
    label: "Access key",
    hint: "A scoped access key, listed on the platform and accepted by direct endpoints.",
  },
] as const;

/** Which credential the builder issues from the scope below: a token (the default) or an access key. */
export function CredentialChoice() {
  const { register, getValues, setValue, trigger, formState } = useFormContext<TokenFormValues>();
  const field = register("credential", {
    onChange: () => {
      // "No expiry" is an access key's choice only: a token goes back to the default lifetime.
      if (getValues("credential") === "token" && getValues("ttlMode") === "none")
        setValue("ttlMode", "preset", { shouldValidate: true });
      // The fields shown in error are checked again by the other credential's rules (an empty
      // Display name is not flagged before it is submitted).
      const shown = Object.keys(formState.errors).filter((f) => f !== "root");
      if (shown.length) void trigger(shown as (keyof TokenFormValues)[]);
    },
  });
  return (
    <fieldset role="radiogroup" aria-labelledby="credential-legend">
      <legend id="credential-legend" className="mb-2 text-sm font-medium">
        Credential
      </legend>
      <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
        {CHOICES.map((choice) => (
          <div key={choice.value} className="text-sm">
            <label className="inline-flex items-center gap-2">
              <input
                type="radio"
                value={choice.value}
                {...field}
                aria-describedby={`credential-${choice.value}-hint`}
              />
              {choice.label}
            </label>
            <p
              id={`credential-${choice.value}-hint`}
              className="ml-5 text-xs text-zinc-600 dark:text-zinc-400"
            >
              {choice.hint}
            </p>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
