"use client";

import { useRef, useState } from "react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { safeParse } from "zod/mini";
import { RoleCard } from "@/components/scope-builder/role-card";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { TokenFormValues } from "@/lib/scope/form";
import { SAME_ENTRY } from "@/lib/scope/request";
import { roleName } from "@/lib/scope/schema";
import { KNOWN_ROLES } from "@/lib/scope/constants";

const OTHER = "__other__";

/** `roles`: managed permissions. Add a known role (with its text) or type another name. */
export function RolesEditor({ beyond = {} }: { beyond?: Record<number, string> }) {
  const { control } = useFormContext<TokenFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: "roles" });
  const [announce, setAnnounce] = useState("");
  return (
    <fieldset className="space-y-3 rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
      <legend className="px-1 text-sm font-medium">Roles</legend>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Permissions the platform manages. Apart from loft-cli, what a role lets through is decided
        by platform code that is not public.
      </p>
      {fields.map((field, index) => (
        <RoleCard
          key={field.id}
          index={index}
          role={field.role}
          beyond={beyond[index]}
          onRemove={() => {
            remove(index);
            setAnnounce(`Role ${field.role} removed.`);
          }}
        />
      ))}
      <RoleAdder
        onAdd={(name) => {
          append({ role: name, projects: [], virtualClusters: [] }, { shouldFocus: false });
          setAnnounce(`Role ${name} added.`);
        }}
      />
      <p role="status" className="sr-only">
        {announce}
      </p>
    </fieldset>
  );
}

/**
 * Choosing a role to add: a known one (its text shown) or another typed by name. A name that is
 * not valid, or already in the list, is refused with a message and not added.
 */
function RoleAdder({ onAdd }: { onAdd: (name: string) => void }) {
  const { getValues } = useFormContext<TokenFormValues>();
  const [choice, setChoice] = useState<string>(KNOWN_ROLES[0].role);
  const [other, setOther] = useState("");
  const [error, setError] = useState<string>();
  const otherRef = useRef<HTMLInputElement>(null);
  const chosen = KNOWN_ROLES.find((r) => r.role === choice);

  function add() {
    const name = choice === OTHER ? other.trim() : choice;
    const parsed = safeParse(roleName, name);
    if (!parsed.success) {
      setError(`Role name ${parsed.error.issues[0]?.message ?? "is not valid"}.`);
      otherRef.current?.focus();
      return;
    }
    const same = SAME_ENTRY.roles.key({ role: name });
    if (getValues("roles").some((r) => SAME_ENTRY.roles.key(r) === same)) {
      setError(`Role ${name} is already in the list.`);
      return;
    }
    setError(undefined);
    onAdd(name);
    setOther("");
  }

  return (
    <>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <Label htmlFor="role-to-add" className="font-normal">
            Role to add
          </Label>
          <select
            id="role-to-add"
            value={choice}
            onChange={(e) => {
              setChoice(e.target.value);
              setError(undefined);
            }}
            aria-describedby="role-to-add-text"
            className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            {KNOWN_ROLES.map((r) => (
              <option key={r.role} value={r.role}>
                {r.role}
              </option>
            ))}
            <option value={OTHER}>Another role (type its name)…</option>
          </select>
        </div>
        {choice === OTHER ? (
          <OtherRoleInput
            ref={otherRef}
            value={other}
            onChange={setOther}
            onEnter={add}
            error={error}
          />
        ) : null}
        <Button variant="secondary" onClick={add}>
          Add role
        </Button>
      </div>
      <Hint id="role-to-add-text">
        {chosen
          ? `${chosen.role}: ${chosen.text}`
          : "A role name the platform knows, such as a newer one."}
      </Hint>
      <FieldError id="role-add-error" message={error} />
    </>
  );
}

/** The name of a role the console does not list; Enter adds it. */
function OtherRoleInput({
  ref,
  value,
  onChange,
  onEnter,
  error,
}: {
  ref: React.Ref<HTMLInputElement>;
  value: string;
  onChange: (value: string) => void;
  onEnter: () => void;
  error: string | undefined;
}) {
  return (
    <div className="min-w-40 flex-1">
      <Label htmlFor="role-name" className="font-normal">
        Role name
      </Label>
      <Input
        id="role-name"
        ref={ref}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            onEnter();
          }
        }}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={error ? "role-add-error" : undefined}
      />
    </div>
  );
}
