"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import type { TokenFormValues } from "@/lib/scope/form";
import { LOFT_CLI_ROLE } from "@/lib/scope/constants";

/** The deprecated `allowLoftCli` checkbox, with a one-click switch to the `loft-cli` role. */
export function LoftCliField() {
  const { register, setValue, getValues, formState } = useFormContext<TokenFormValues>();
  const error = formState.errors.allowLoftCli?.message;
  const checked = useWatch<TokenFormValues, "allowLoftCli">({ name: "allowLoftCli" });

  function switchToRole() {
    const roles = getValues("roles");
    if (!roles.some((r) => r.role === LOFT_CLI_ROLE))
      setValue("roles", [...roles, { role: LOFT_CLI_ROLE, projects: [], virtualClusters: [] }], {
        shouldValidate: true,
        shouldDirty: true,
      });
    setValue("allowLoftCli", false, { shouldValidate: true, shouldDirty: true });
  }

  return (
    <div className="space-y-1">
      <label className="inline-flex flex-wrap items-center gap-2 text-sm">
        <input
          type="checkbox"
          {...register("allowLoftCli")}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "loft-cli-note loft-cli-error" : "loft-cli-note"}
        />
        Allow Loft CLI
        <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">
          deprecated
        </span>
      </label>
      <p id="loft-cli-note" className="text-xs text-zinc-600 dark:text-zinc-400">
        Read-only management requests the CLI needs. Deprecated by the platform: the{" "}
        <code>{LOFT_CLI_ROLE}</code> role replaces it.
      </p>
      <FieldError id="loft-cli-error" message={error} />
      {checked ? (
        <Button variant="secondary" onClick={switchToRole}>
          Use the {LOFT_CLI_ROLE} role instead
        </Button>
      ) : null}
    </div>
  );
}
