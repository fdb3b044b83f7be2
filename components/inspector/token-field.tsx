import { FieldError, Hint, Label } from "@/components/ui/field";
import { SecretTextarea } from "@/components/ui/input";

/**
 * The "Token" field. Deliberately outside any form and without a name: nothing can submit it, so it
 * never reaches the server or a URL. Not autocompleted, spell-checked or remembered by the browser.
 */
export function TokenField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <div>
      <Label htmlFor="inspect-token">Token</Label>
      <SecretTextarea
        id="inspect-token"
        rows={6}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="eyJhbGciOiJSUzI1NiIs…"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "inspect-token-hint inspect-token-error" : "inspect-token-hint"}
      />
      <Hint id="inspect-token-hint">
        A JWT, a DirectClusterEndpointToken manifest in YAML or JSON (its status.token, or its
        spec.scope when it has no token), or an AccessKeyScope alone.
      </Hint>
      <FieldError id="inspect-token-error" message={error} />
    </div>
  );
}
