"use client";

import { UseCredential } from "@/components/kubeconfig/credential-use";
import { keyScopeInput } from "@/lib/kubeconfig/credential";

/**
 * "Use this key": the same panel as for a token — every target in the key's scope, a kubeconfig with
 * the access key as its static `token:`, the header, export line and curl — assembled in the browser.
 */
export function UseThisKey({
  accessKey,
  scope,
  expiresAt,
}: {
  accessKey: string;
  /** The key's `spec.scope` as the platform answered it. */
  scope: unknown;
  /** When it expires (epoch ms), when known. */
  expiresAt: number | null;
}) {
  return (
    <UseCredential
      label="Use this key"
      credential={{
        kind: "accesskey",
        secret: accessKey,
        ...(expiresAt !== null ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
      }}
      scope={keyScopeInput(scope)}
      signedIn
    />
  );
}
