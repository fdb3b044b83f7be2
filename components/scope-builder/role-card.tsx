"use client";

import { Controller, useFormContext } from "react-hook-form";
import { firstError } from "@/components/scope-builder/first-error";
import { ListInput } from "@/components/scope-builder/list-input";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { cn } from "@/lib/cn";
import type { TokenFormValues } from "@/lib/scope/form";
import { roleText } from "@/lib/scope/describe";

/** One role entry: its name and text, optional projects / virtual clusters it is limited to. */
export function RoleCard({
  index,
  role,
  beyond,
  onRemove,
}: {
  index: number;
  role: string;
  beyond?: string;
  onRemove: () => void;
}) {
  const { control, formState } = useFormContext<TokenFormValues>();
  const errors = formState.errors.roles?.[index];
  const id = `roles-${index}`;
  const roleError = errors?.role?.message ?? errors?.message;
  const projectsError = firstError(errors?.projects);
  const vcsError = firstError(errors?.virtualClusters);

  return (
    <fieldset
      className={cn(
        "space-y-2 rounded-md border p-3",
        beyond ? "border-amber-500" : "border-zinc-200 dark:border-zinc-700",
      )}
      aria-describedby={`${id}-text`}
    >
      <legend className="px-1 text-sm font-semibold">
        Role <code>{role}</code>
      </legend>
      <div className="flex items-start gap-2">
        <p id={`${id}-text`} className="flex-1 text-sm text-zinc-600 dark:text-zinc-400">
          {roleText(role) ??
            "A role this console does not know; the platform decides what it allows."}
          {beyond ? (
            <span className="block text-amber-900 dark:text-amber-200">
              <span aria-hidden="true">⚠ </span>Beyond your access key: {beyond}
            </span>
          ) : null}
        </p>
        <Button variant="danger" onClick={onRemove} aria-label={`Remove role ${role}`}>
          Remove
        </Button>
      </div>
      <FieldError id={`${id}-error`} message={roleError} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <Label htmlFor={`${id}-projects`} className="font-normal">
            Only in projects (optional)
          </Label>
          <Controller
            control={control}
            name={`roles.${index}.projects`}
            render={({ field }) => (
              <ListInput
                id={`${id}-projects`}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                placeholder="demo, team-a"
                aria-invalid={Boolean(projectsError) || undefined}
                aria-describedby={projectsError ? `${id}-projects-error` : undefined}
              />
            )}
          />
          <FieldError id={`${id}-projects-error`} message={projectsError} />
        </div>
        <div>
          <Label htmlFor={`${id}-vcs`} className="font-normal">
            Only for virtual clusters (optional)
          </Label>
          <Controller
            control={control}
            name={`roles.${index}.virtualClusters`}
            render={({ field }) => (
              <ListInput
                id={`${id}-vcs`}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                placeholder="dev-1"
                aria-invalid={Boolean(vcsError) || undefined}
                aria-describedby={vcsError ? `${id}-vcs-error` : undefined}
              />
            )}
          />
          <FieldError id={`${id}-vcs-error`} message={vcsError} />
        </div>
      </div>
      <Hint>Comma-separated; empty = no limit.</Hint>
    </fieldset>
  );
}
