import { useId } from "react";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import type { CredentialRead } from "@/lib/explain/compare-input";

/**
 * One side of the comparison ("Before" or "After"). Outside any form and without a name, like the
 * inspector's "Token" field: nothing can submit it, so a pasted token never leaves the page.
 */
export function CredentialField({
  label,
  value,
  onChange,
  read,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  read: CredentialRead;
}) {
  const id = useId();
  const error = read.state === "error" ? read.message : undefined;
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Textarea
        id={id}
        rows={8}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        data-1p-ignore
        data-lpignore="true"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        className="break-all"
      />
      <Hint id={`${id}-hint`}>
        {read.state === "read"
          ? `Read as ${read.from}.${read.notUnderstood.length ? ` Not understood, set aside: ${read.notUnderstood.join(", ")}.` : ""}`
          : "A token (JWT), a DirectClusterEndpointToken or OwnedAccessKey manifest (YAML or JSON), or a scope alone."}
      </Hint>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
