"use client";

import { ScopeExplanation } from "@/components/token-viewer/scope-explanation";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { useKnownNames } from "./use-known-names";

/** The scope in words; signed in, names are checked against the platform (likely typos). */
export function ScopeSection({
  scope,
  signedIn,
  notUnderstood,
}: {
  scope: AccessKeyScope | undefined;
  signedIn: boolean;
  notUnderstood?: { field: string; value?: unknown }[];
}) {
  const known = useKnownNames(scope, signedIn);
  return (
    <div className="space-y-2">
      <ScopeExplanation scope={scope} known={known.data} notUnderstood={notUnderstood} />
      <p className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {!signedIn
          ? "Sign in to check these names against the platform."
          : known.isFetching
            ? "Checking names on the platform…"
            : known.isError
              ? `Names could not be checked on the platform: ${known.error.message}`
              : known.data
                ? "Names checked against the platform."
                : null}
      </p>
    </div>
  );
}
