"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";
import type { RevokeAllResult } from "@/lib/revocation/revoke-all";
import { SignInLink } from "@/components/app-shell/sign-in-link";

type State = { result: ActionResult<RevokeAllResult>; id: string } | null;

/** 32 hex characters from the browser's random source (also outside secure contexts). */
const newId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The confirm button. Each submission carries an id: sent twice (a double click, a replay), it acts
 * once, and the first answer stays on screen. A new id is drawn after every answer.
 */
export function RevokeForm({
  submissionId,
  revoke,
}: {
  submissionId: string;
  /** The page's server action (app/(dashboard)/tokens/issued/revoke/actions.ts). */
  revoke: (form: FormData) => Promise<ActionResult<RevokeAllResult>>;
}) {
  const [id, setId] = useState(submissionId);
  const [state, action, pending] = useActionState<State, FormData>(async (previous, form) => {
    const sent = String(form.get("submissionId"));
    let result: ActionResult<RevokeAllResult>;
    try {
      result = await revoke(form);
    } catch {
      result = {
        ok: false,
        error: "The dashboard server did not answer. Nothing is known to have changed; try again.",
        retryable: true,
      };
    }
    setId(newId());
    // A repeat of a submission that already succeeded: keep showing what it did.
    if (!result.ok && previous?.result.ok && previous.id === sent) return previous;
    return { result, id: sent };
  }, null);

  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="submissionId" value={id} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Revoking…" : "Revoke all tokens"}
      </Button>
      <div role="status" aria-live="polite">
        {state?.result.ok ? (
          <Alert tone="success">
            Revoked: your token generation is now {state.result.data.to} (it was{" "}
            {state.result.data.from}). Every token of {state.result.data.user} issued before now
            stops working. {plural(state.result.data.marked, "token", "tokens")} in this
            console&apos;s ledger {state.result.data.marked === 1 ? "was" : "were"} marked revoked.
          </Alert>
        ) : null}
      </div>
      {state && !state.result.ok ? (
        <Alert tone="error" role="alert">
          {state.result.error}
          {state.result.signedOut ? (
            <>
              {" "}
              <SignInLink next="/tokens/issued/revoke" />
            </>
          ) : null}
        </Alert>
      ) : null}
    </form>
  );
}
