"use client";

import { lazy, Suspense, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { CredentialKind } from "@/lib/kubeconfig/assemble";
import type { DecodedToken } from "@/lib/token/decode";
import type { AccessKeyScope } from "@/lib/scope/schema";

/** What the panel needs to know about the credential's scope. */
export type ScopeInput =
  | { kind: "scoped"; scope: AccessKeyScope }
  | { kind: "unrestricted" }
  | { kind: "unknown"; why: string };

/** The credential the panel puts into the kubeconfig and snippets: a token or an access key. */
export type PanelCredential = {
  kind: CredentialKind;
  /** The token or the access key itself; never sent to the server. */
  secret: string;
  /** When it expires (ISO 8601), when known. */
  expiresAt?: string;
};

function scopeInputOf(token: DecodedToken): ScopeInput {
  const scope = token.loft?.scope;
  if (!token.loft || !scope)
    return { kind: "unknown", why: "The token has no loft.sh claim, so it names no targets." };
  if (scope.state === "absent") return { kind: "unrestricted" };
  if (scope.state === "invalid")
    return { kind: "unknown", why: "The token's scope is not a valid AccessKeyScope." };
  return { kind: "scoped", scope: scope.scope };
}

function expiryOf(token: DecodedToken): string | undefined {
  const exp = token.claims.exp;
  return typeof exp === "number" && Number.isFinite(exp)
    ? new Date(exp * 1000).toISOString()
    : undefined;
}

/** The panel (targets, kubeconfig, YAML library) loads only when asked for, or on hover/focus. */
const loadPanel = () => import("@/components/kubeconfig/use-token-panel");
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
      scope={scopeInputOf(token)}
      signedIn={signedIn}
    />
  );
}
