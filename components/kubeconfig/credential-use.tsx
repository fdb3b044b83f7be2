"use client";

import { lazy, Suspense, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  expiryOf,
  tokenScopeInput,
  type PanelCredential,
  type ScopeInput,
} from "@/lib/kubeconfig/credential";
import type { DecodedToken } from "@/lib/token/decode";

/** The panel (targets, kubeconfig, YAML library) loads only when asked for, or on hover/focus. */
const loadPanel = () => import("@/components/kubeconfig/credential-use-panel");
const UseTokenPanel = lazy(() => loadPanel().then((m) => ({ default: m.UseTokenPanel })));

/**
 * A disclosure button (`label`) that opens the kubeconfig, header, export and curl panel for a
 * credential. The credential stays in the browser: the panel sends only the scope to the server.
 */
export function UseCredential({
  label,
  credential,
  scope,
  signedIn,
}: {
  label: string;
  credential: PanelCredential;
  scope: ScopeInput;
  signedIn: boolean;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="space-y-3">
      <Button
        variant="secondary"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
      >
        <span aria-hidden="true">{open ? "▾" : "▸"}</span>
        {label}
      </Button>
      <div id={id} hidden={!open}>
        {open ? (
          <Suspense
            fallback={
              <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
                Loading…
              </p>
            }
          >
            <UseTokenPanel credential={credential} scope={scope} signedIn={signedIn} />
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}

/** "Use this token": the panel for a decoded token, its scope read from its `loft.sh` claim. */
export function UseThisToken({ token, signedIn }: { token: DecodedToken; signedIn: boolean }) {
  return (
    <UseCredential
      label="Use this token"
      credential={{ kind: "token", secret: token.token, expiresAt: expiryOf(token) }}
      scope={tokenScopeInput(token)}
      signedIn={signedIn}
    />
  );
}
