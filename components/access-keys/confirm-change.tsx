import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { AccessKeyView } from "@/lib/access-keys/view";

/** A change that is confirmed first: any delete, and disabling the key you signed in with. */
export type Confirming = { view: AccessKeyView; change: "delete" | "disable" };

function DeleteText({ view }: { view: AccessKeyView }) {
  return (
    <div className="space-y-2 text-sm">
      <p>What stops working at once:</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          the key itself (<code className="font-mono text-xs">{view.name}</code>): the platform
          refuses it from now on;
        </li>
        <li>every kubeconfig, script and CI job that uses it.</li>
      </ul>
      <p>
        What keeps working: tokens already issued with this key keep working until they expire;
        deleting the key does not revoke them.
      </p>
      <p>This cannot be undone.</p>
    </div>
  );
}

function DisableText({ view }: { view: AccessKeyView }) {
  return (
    <p className="text-sm">
      The platform refuses a disabled key, so every kubeconfig, script and CI job that uses
      <strong> {view.displayName}</strong> stops working until the key is enabled again. You cannot
      sign in with a disabled key: enable it again with another key of yours, or ask a platform
      admin.
    </p>
  );
}

/**
 * The confirmation of a change, as a modal dialog (Escape or Cancel closes it; focus starts on
 * Cancel). Changing the key you signed in with says first that it signs you out.
 */
export function ConfirmChange({
  confirming,
  onConfirm,
  onClose,
}: {
  confirming: Confirming | null;
  onConfirm: (confirmed: Confirming) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (confirming && !dialog.open) {
      dialog.showModal();
      // The safe choice first (showModal would focus the first button: the confirming one).
      cancel.current?.focus();
    }
    if (!confirming && dialog.open) dialog.close();
  }, [confirming]);

  const view = confirming?.view;
  const deleting = confirming?.change === "delete";
  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-change-title"
      onClose={onClose}
      className="m-auto max-w-lg rounded-lg border border-zinc-200 bg-white p-5 text-zinc-900 backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {confirming && view ? (
        <div className="space-y-4">
          <h2 id="confirm-change-title" className="text-lg font-semibold">
            {deleting
              ? `Delete access key “${view.displayName}”?`
              : `Disable “${view.displayName}”, the key you are signed in with?`}
          </h2>
          {deleting ? <DeleteText view={view} /> : <DisableText view={view} />}
          {view.current ? (
            <Alert tone="warning">
              This is the key you are signed in with: {deleting ? "deleting" : "disabling"} it signs
              you out of this console.
            </Alert>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Button variant="danger" onClick={() => onConfirm(confirming)}>
              {deleting
                ? view.current
                  ? "Delete and sign out"
                  : "Delete access key"
                : "Disable and sign out"}
            </Button>
            <Button ref={cancel} variant="secondary" onClick={onClose}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
