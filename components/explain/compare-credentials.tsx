"use client";

import { useDeferredValue, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { readCredential } from "@/lib/explain/compare-input";
import type { IssuedOption } from "@/lib/explain/issued-options";
import { CredentialField } from "./credential-field";
import { Differences } from "./differences";

/**
 * The reach diff of two pasted credentials (a rotation's old and new token or key): targets gained,
 * lost and kept, lifetime, roles and rules. Both live in this component's state only: never in the
 * URL, never sent to the server.
 */
export function CompareCredentials({ issued = [] }: { issued?: IssuedOption[] }) {
  const [before, setBefore] = useState("");
  const [after, setAfter] = useState("");
  const deferredBefore = useDeferredValue(before);
  const deferredAfter = useDeferredValue(after);
  const readBefore = useMemo(() => readCredential(deferredBefore), [deferredBefore]);
  const readAfter = useMemo(() => readCredential(deferredAfter), [deferredAfter]);
  return (
    <div className="space-y-6">
      <div className="grid gap-4 md:grid-cols-2">
        <CredentialField
          label="Before"
          value={before}
          onChange={setBefore}
          read={readBefore}
          issued={issued}
        />
        <CredentialField
          label="After"
          value={after}
          onChange={setAfter}
          read={readAfter}
          issued={issued}
        />
      </div>
      {before || after ? (
        <Button
          variant="secondary"
          onClick={() => {
            setBefore("");
            setAfter("");
          }}
        >
          Clear both
        </Button>
      ) : null}
      {readBefore.state === "read" && readAfter.state === "read" ? (
        <Differences before={readBefore} after={readAfter} />
      ) : (
        <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          Paste the credential before the change and the one after it to see what it gains and
          loses.
        </p>
      )}
    </div>
  );
}
