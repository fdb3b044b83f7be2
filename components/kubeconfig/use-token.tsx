"use client";

import { lazy, Suspense, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { DecodedToken } from "@/lib/token/decode";
import type { AccessKeyScope } from "@/lib/scope/schema";

/** What the panel needs to know about the token's scope. */
export type ScopeInput =
  | { kind: "scoped"; scope: AccessKeyScope }
  | { kind: "unrestricted" }
  | { kind: "unknown"; why: string };

function scopeInputOf(token: DecodedToken): ScopeInput {
  const scope = token.loft?.scope;
  if (!token.loft || !scope)
    return { kind: "unknown", why: "The token has no loft.sh claim, so it names no targets." };
  if (scope.state === "absent") return { kind: "unrestricted" };
  if (scope.state === "invalid")
    return { kind: "unknown", why: "The token's scope is not a valid AccessKeyScope." };
  return { kind: "scoped", scope: scope.scope };
}

/** The panel (targets, kubeconfig, YAML library) loads only when asked for, or on hover/focus. */
const loadPanel = () => import("@/components/kubeconfig/use-token-panel");
const UseTokenPanel = lazy(() => loadPanel().then((m) => ({ default: m.UseTokenPanel })));

/**
 * "Use this token": a disclosure that opens the kubeconfig, header, export and curl panel. The token
 * stays in the browser: the panel sends only the scope to the server.
 */
export function UseThisToken({ token, signedIn }: { token: DecodedToken; signedIn: boolean }) {
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
        Use this token
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
            <UseTokenPanel token={token} scope={scopeInputOf(token)} signedIn={signedIn} />
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}
