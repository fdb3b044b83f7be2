"use client";

import { unstable_rethrow } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import type { AccessKeyView, KeyChanged } from "@/lib/access-keys/view";
import type { ActionResult } from "@/lib/actions/result";
import { useNow } from "@/components/hooks/use-now";
import { AccessKeyCard } from "./access-key-card";
import { ConfirmChange, type Confirming } from "./confirm-change";
import { SignInLink } from "@/components/app-shell/sign-in-link";

export interface KeyActions {
  setDisabled: (input: {
    name: string;
    disabled: boolean;
    submissionId: string;
  }) => Promise<ActionResult<KeyChanged>>;
  remove: (input: { name: string; submissionId: string }) => Promise<ActionResult<KeyChanged>>;
}

type ChangeOutcome = { ok: true; text: string } | { ok: false; text: string; signedOut?: boolean };

/** 32 hex characters from the browser's random source: one per click, so a click acts once. */
const newId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");

const DONE = {
  delete: (d: KeyChanged) => `Access key “${d.displayName}” was deleted.`,
  toggle: (d: KeyChanged) =>
    `Access key “${d.displayName}” is ${d.disabled ? "disabled: the platform refuses it now" : "enabled again"}.`,
};

/** Asks the server for one change to `view`; a request that fails becomes an error result. */
async function changeKey(
  actions: KeyActions,
  view: AccessKeyView,
  change: "delete" | "toggle",
): Promise<ActionResult<KeyChanged>> {
  const submissionId = newId();
  try {
    return change === "delete"
      ? await actions.remove({ name: view.name, submissionId })
      : await actions.setDisabled({ name: view.name, disabled: !view.disabled, submissionId });
  } catch (error) {
    // A redirect (the key you signed in with is gone) is Next.js's to follow.
    unstable_rethrow(error);
    return {
      ok: false,
      error:
        "The dashboard server did not answer. Nothing is known to have changed; reload the page to see.",
    };
  }
}

/** The last change's outcome, announced: progress and success as status, failure as an alert. */
function OutcomeNotice({
  busy,
  outcome,
  focusRef,
}: {
  busy: boolean;
  outcome: ChangeOutcome | null;
  focusRef: React.RefObject<HTMLDivElement | null>;
}) {
  return (
    <div ref={focusRef} tabIndex={-1} className="space-y-2 outline-none">
      <div role="status" aria-live="polite">
        {busy ? <p className="text-sm">Asking the platform…</p> : null}
        {outcome?.ok ? <Alert tone="success">{outcome.text}</Alert> : null}
      </div>
      {outcome && !outcome.ok ? (
        <Alert tone="error" role="alert">
          {outcome.text}
          {outcome.signedOut ? (
            <>
              {" "}
              <SignInLink next="/access-keys" />
            </>
          ) : null}
        </Alert>
      ) : null}
    </div>
  );
}

/**
 * Your access keys with their actions. Disable / Enable acts at once (the key you signed in with asks
 * first); Delete always asks first. Results are announced (status / alert); the server reloads the
 * list after a change.
 */
export function AccessKeyList({
  keys,
  activityTracked,
  serverNow,
  actions,
}: {
  keys: AccessKeyView[];
  activityTracked: boolean;
  serverNow: number;
  actions: KeyActions;
}) {
  const now = useNow(15_000) ?? serverNow;
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ChangeOutcome | null>(null);
  const [, startTransition] = useTransition();
  const statusRef = useRef<HTMLDivElement>(null);

  const run = (view: AccessKeyView, change: "delete" | "toggle") => {
    // Urgent updates: shown at once, not when the action's transition ends.
    setBusy(view.name);
    setOutcome(null);
    startTransition(async () => {
      const result = await changeKey(actions, view, change);
      setBusy(null);
      setOutcome(
        result.ok
          ? { ok: true, text: DONE[change](result.data) }
          : { ok: false, text: result.error, signedOut: result.signedOut },
      );
      statusRef.current?.focus();
    });
  };

  return (
    <div className="space-y-4">
      <OutcomeNotice busy={busy !== null} outcome={outcome} focusRef={statusRef} />
      <ul aria-label="Your access keys" className="space-y-4">
        {keys.map((view) => (
          <li key={view.name}>
            <AccessKeyCard
              view={view}
              now={now}
              activityTracked={activityTracked}
              busy={busy !== null}
              onToggle={() =>
                view.current && !view.disabled
                  ? setConfirming({ view, change: "disable" })
                  : run(view, "toggle")
              }
              onDelete={() => setConfirming({ view, change: "delete" })}
            />
          </li>
        ))}
      </ul>
      <ConfirmChange
        confirming={confirming}
        onClose={() => setConfirming(null)}
        onConfirm={(c) => {
          setConfirming(null);
          run(c.view, c.change === "delete" ? "delete" : "toggle");
        }}
      />
    </div>
  );
}
