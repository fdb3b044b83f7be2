import { useId } from "react";
import { Hint, Label } from "@/components/ui/field";
import type { RecordedCredential } from "@/lib/explain/recorded-credential";
import { IssuedSelect } from "./issued-select";

/**
 * "Or a credential you issued": explains a credential from Issued tokens by what the ledger
 * recorded of it (the console keeps no tokens). Choosing nothing goes back to the pasted token.
 */
export function RecordedChooser({
  recorded,
  chosen,
  onChoose,
}: {
  recorded: RecordedCredential[];
  chosen: string | undefined;
  onChoose: (id: string | undefined) => void;
}) {
  const id = useId();
  return (
    <div>
      <Label htmlFor={id}>Or a credential you issued</Label>
      <IssuedSelect
        id={id}
        options={recorded}
        value={chosen ?? ""}
        onChange={(value) => onChoose(value || undefined)}
        describedBy={`${id}-hint`}
      />
      <Hint id={`${id}-hint`}>
        Explained from what the console recorded when it was issued: its scope, lifetime, token
        generation and ID.
      </Hint>
    </div>
  );
}

/** What a credential chosen from the ledger can and cannot tell. */
export function RecordedNotice({ recorded }: { recorded: RecordedCredential }) {
  const what = recorded.kind === "accessKey" ? "access key" : "token";
  return (
    <p className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm dark:border-sky-900 dark:bg-sky-950">
      Explaining the {what} <strong>{recorded.label}</strong> from what the console recorded when it
      was issued. The console keeps no tokens or keys, so{" "}
      {recorded.kind === "accessKey"
        ? "whether the platform still knows the key and whether it is disabled are"
        : "its signature, nbf and audience are"}{" "}
      not known here: those checks say &ldquo;unknown&rdquo;. Paste the {what} itself to check them.
    </p>
  );
}
