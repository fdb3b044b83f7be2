"use client";

import { UseCredential, type ScopeInput } from "@/components/kubeconfig/use-token";
import { readScope } from "@/lib/scope/read";

/** The panel's view of a key's scope as the platform answered it (null or absent = unrestricted). */
export function keyScopeInput(scope: unknown): ScopeInput {
  const read = readScope(scope);
  if (read.state === "absent") return { kind: "unrestricted" };
  if (read.state === "invalid")
    return { kind: "unknown", why: "The key's scope is not a valid AccessKeyScope." };
  return { kind: "scoped", scope: read.scope };
}

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
