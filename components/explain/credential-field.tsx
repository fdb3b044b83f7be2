import { useId } from "react";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { SecretTextarea } from "@/components/ui/input";
import type { CredentialRead } from "@/lib/explain/compare-input";
import type { IssuedOption } from "@/lib/explain/issued-options";
import { IssuedSelect } from "./issued-select";

/**
 * One side of the comparison ("Before" or "After"). Outside any form and without a name, like the
 * inspector's "Token" field: nothing can submit it, so a pasted token never leaves the page.
 */
export function CredentialField({
  label,
  value,
  onChange,
  read,
  issued = [],
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  read: CredentialRead;
  /** Credentials the signed-in user issued, offered as their manifests. */
  issued?: IssuedOption[];
}) {
  const id = useId();
  const error = read.state === "error" ? read.message : undefined;
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <SecretTextarea
        id={id}
        rows={8}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
      <Hint id={`${id}-hint`}>
        {read.state === "read"
          ? `Read as ${read.from}.${read.notUnderstood.length ? ` Not understood, set aside: ${read.notUnderstood.join(", ")}.` : ""}`
          : "A token (JWT), a DirectClusterEndpointToken or OwnedAccessKey manifest (YAML or JSON), or a scope alone."}
      </Hint>
      <FieldError id={`${id}-error`} message={error} />
      {issued.length ? (
        <div className="mt-2">
          <Label htmlFor={`${id}-issued`}>
            {label === "Before" ? "Earlier" : "Later"} credential you issued
          </Label>
          <IssuedSelect
            id={`${id}-issued`}
            options={issued}
            value=""
            onChange={(chosenId) => {
              const chosen = issued.find((o) => o.id === chosenId);
              if (chosen) onChange(chosen.manifest);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
