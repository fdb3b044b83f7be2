"use client";

import { useFormContext } from "react-hook-form";
import { ListField } from "@/components/scope-builder/list-field";
import { Button } from "@/components/ui/button";
import { FieldError, Hint } from "@/components/ui/field";
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
  const { formState } = useFormContext<TokenFormValues>();
  const errors = formState.errors.roles?.[index];
  const id = `roles-${index}`;
  const roleError = errors?.role?.message ?? errors?.message;

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
        <ListField
          id={`${id}-projects`}
          name={`roles.${index}.projects`}
          label="Only in projects (optional)"
          placeholder="demo, team-a"
          numbered={false}
        />
        <ListField
          id={`${id}-vcs`}
          name={`roles.${index}.virtualClusters`}
          label="Only for virtual clusters (optional)"
          placeholder="dev-1"
          numbered={false}
        />
      </div>
      <Hint>Comma-separated; empty = no limit.</Hint>
    </fieldset>
  );
}
