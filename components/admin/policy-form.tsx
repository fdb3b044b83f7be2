"use client";

import { useState, useTransition } from "react";
import {
  useFieldArray,
  useForm,
  type Control,
  type FieldErrors,
  type Resolver,
  type UseFormRegister,
} from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/result";
import { policyOfForm, type PolicyFormValues } from "@/lib/policy/form";
import { KNOWN_ROLES } from "@/lib/scope/constants";

/** Each problem `policyOfForm` finds, at its field: the action says the same. */
const resolver: Resolver<PolicyFormValues> = async (values) => {
  const parsed = policyOfForm(values);
  if (parsed.ok) return { values, errors: {} };
  const errors: Record<string, unknown> = {};
  for (const [field, message] of Object.entries(parsed.fieldErrors)) {
    const path = field.split(".");
    let at = errors;
    path.slice(0, -1).forEach((step) => {
      at[step] ??= {};
      at = at[step] as Record<string, unknown>;
    });
    at[path.at(-1)!] = { type: "policy", message };
  }
  return { values: {}, errors: errors as FieldErrors<PolicyFormValues> };
};

type Outcome = { tone: "success" | "error"; text: string } | null;

/** The admin Policy form: lifetimes, note, unrestricted, wildcards, roles, per-project limits. */
export function PolicyForm({
  initial,
  version,
  save,
}: {
  initial: PolicyFormValues;
  version: number;
  /** The save action (app/(admin)/admin/policy/actions.ts), handed down by the page. */
  save: (values: PolicyFormValues, basedOn: number) => Promise<ActionResult<{ version: number }>>;
}) {
  const [basedOn, setBasedOn] = useState(version);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<PolicyFormValues>({ defaultValues: initial, resolver, mode: "onTouched" });
  const { register, handleSubmit, formState, setError, control } = form;
  const errors = formState.errors;

  const onSubmit = handleSubmit((values) => {
    setOutcome(null);
    startTransition(async () => {
      const result = await save(values, basedOn);
      if (result.ok) {
        setBasedOn(result.data.version);
        form.reset(values);
        setOutcome({ tone: "success", text: `Policy saved (version ${result.data.version}).` });
        return;
      }
      for (const [field, message] of Object.entries(result.fieldErrors ?? {}))
        setError(field as keyof PolicyFormValues, { type: "server", message });
      setOutcome({ tone: "error", text: result.error });
    });
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="max-w-2xl space-y-5"
      aria-label="Issuance policy"
    >
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Lifetimes</legend>
        <LifetimeField
          id="maxTokenTtl"
          label="Maximum token lifetime"
          register={register}
          error={errors.maxTokenTtl?.message}
        />
        <LifetimeField
          id="maxAccessKeyTtl"
          label="Maximum access key lifetime"
          register={register}
          error={errors.maxAccessKeyTtl?.message}
        />
      </fieldset>

      <ProjectLimits control={control} register={register} errors={errors.projectLimits} />

      <PolicyRules register={register} />

      <AllowedRoles register={register} error={errors.allowedRoles?.message} />

      <SaveStatus
        pending={pending}
        basedOn={basedOn}
        outcome={outcome}
        rootError={errors.root?.message}
      />
    </form>
  );
}

function LifetimeField({
  id,
  label,
  register,
  error,
}: {
  id: "maxTokenTtl" | "maxAccessKeyTtl";
  label: string;
  register: UseFormRegister<PolicyFormValues>;
  error?: string;
}) {
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        {...register(id)}
        placeholder="no limit"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
      />
      <Hint id={`${id}-hint`}>Such as 1d, 12h, 90m or seconds; empty for no limit.</Hint>
      <FieldError message={error} />
    </div>
  );
}

function Check({
  register,
  name,
  label,
  children,
}: {
  register: UseFormRegister<PolicyFormValues>;
  name: "requireNote" | "forbidUnrestricted" | "forbidWildcards";
  label: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" {...register(name)} aria-describedby={`${name}-hint`} />
        {label}
      </label>
      <Hint id={`${name}-hint`} className="mt-0 ml-6">
        {children}
      </Hint>
    </div>
  );
}

type Register = UseFormRegister<PolicyFormValues>;

/** Per-project lifetimes: one row per project, added and removed here. */
function ProjectLimits({
  control,
  register,
  errors,
}: {
  control: Control<PolicyFormValues>;
  register: Register;
  errors: FieldErrors<PolicyFormValues>["projectLimits"];
}) {
  const projects = useFieldArray({ control, name: "projectLimits" });
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Per-project lifetimes</legend>
      <Hint className="mt-0">
        A credential whose scope reaches the project (by name, or through *, or unrestricted) lives
        at most this long.
      </Hint>
      {projects.fields.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No project has its own limit.</p>
      ) : (
        <ul className="space-y-2">
          {projects.fields.map((field, i) => (
            <li key={field.id} className="flex flex-wrap items-start gap-2">
              <div className="min-w-40 flex-1">
                <Input
                  {...register(`projectLimits.${i}.project`)}
                  aria-label={`Project of limit ${i + 1}`}
                  placeholder="project name"
                  aria-invalid={errors?.[i]?.project ? true : undefined}
                />
                <FieldError message={errors?.[i]?.project?.message} />
              </div>
              <div className="min-w-32 flex-1">
                <Input
                  {...register(`projectLimits.${i}.maxTtl`)}
                  aria-label={`Maximum lifetime of limit ${i + 1}`}
                  placeholder="e.g. 1d"
                  aria-invalid={errors?.[i]?.maxTtl ? true : undefined}
                />
                <FieldError message={errors?.[i]?.maxTtl?.message} />
              </div>
              <Button
                variant="ghost"
                onClick={() => projects.remove(i)}
                aria-label={`Remove limit ${i + 1}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button variant="secondary" onClick={() => projects.append({ project: "", maxTtl: "" })}>
        Add project limit
      </Button>
    </fieldset>
  );
}

/** Require a note, forbid unrestricted credentials, forbid wildcards. */
function PolicyRules({ register }: { register: Register }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Rules</legend>
      <Check register={register} name="requireNote" label="Require a note">
        Every credential says what it is for (kept in the ledger).
      </Check>
      <Check register={register} name="forbidUnrestricted" label="Forbid unrestricted credentials">
        Every credential carries a scope.
      </Check>
      <Check register={register} name="forbidWildcards" label="Forbid wildcards">
        No * in projects, spaces, virtual clusters or clusters: entries are named.
      </Check>
    </fieldset>
  );
}

function AllowedRoles({ register, error }: { register: Register; error?: string }) {
  return (
    <div>
      <Label htmlFor="allowedRoles">Allowed roles</Label>
      <Input
        id="allowedRoles"
        {...register("allowedRoles")}
        placeholder="any role"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby="allowedRoles-hint"
      />
      <Hint id="allowedRoles-hint">
        Comma-separated; empty allows any role. Known roles:{" "}
        {KNOWN_ROLES.map((r) => r.role).join(", ")}.
      </Hint>
      <FieldError message={error} />
    </div>
  );
}

/** The save button, the policy's version, and the save's outcome (announced). */
function SaveStatus({
  pending,
  basedOn,
  outcome,
  rootError,
}: {
  pending: boolean;
  basedOn: number;
  outcome: Outcome;
  rootError?: string;
}) {
  return (
    <>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save policy"}
        </Button>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">
          {basedOn === 0 ? "No policy saved yet" : `Version ${basedOn}`}
        </span>
      </div>
      <div role="status" aria-live="polite">
        {outcome?.tone === "success" ? <Alert tone="success">{outcome.text}</Alert> : null}
      </div>
      {outcome?.tone === "error" || rootError ? (
        <Alert tone="error" role="alert">
          {outcome?.text ?? rootError}
        </Alert>
      ) : null}
    </>
  );
}
