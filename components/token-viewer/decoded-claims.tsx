"use client";

import { Alert } from "@/components/ui/alert";
import { ClaimsTable } from "@/components/token-viewer/claims-table";
import { JsonBlock } from "@/components/token-viewer/json-block";
import { LoftClaimDetails } from "@/components/token-viewer/loft-claim";
import { TokenTimeValidity } from "@/components/token-viewer/time-validity";
import { TokenParts } from "@/components/token-viewer/token-parts";
import { CopyButton } from "@/components/ui/copy-button";
import type { DecodedToken } from "@/lib/token/decode";
import { LOFT_CLAIM } from "@/lib/token/loft-claim";

/**
 * The region "Decoded claims": parts, validity with a live countdown, header and claims tables,
 * the `loft.sh` claim and unknown private claims as JSON. Reused by the issued-token viewer.
 */
export function DecodedClaims({
  token,
  showParts = true,
  masked = false,
}: {
  token: DecodedToken;
  showParts?: boolean;
  masked?: boolean;
}) {
  const unknownKeys = Object.keys(token.unknown);
  return (
    <section aria-label="Decoded claims" className="space-y-4">
      {token.unsafe ? (
        <Alert tone="error" role="alert">
          {token.unsafe}
        </Alert>
      ) : null}
      {token.warnings.map((warning) => (
        <Alert key={warning} tone="warning">
          {warning}
        </Alert>
      ))}
      {showParts ? <TokenParts parts={token.parts} masked={masked} /> : null}
      <TokenTimeValidity claims={token.claims} />
      <div className="grid gap-4 md:grid-cols-2">
        <ClaimsTable caption="Header" values={token.header} />
        <ClaimsTable caption="Claims" values={token.claims} omit={[LOFT_CLAIM, ...unknownKeys]} />
      </div>
      <RawJson token={token} />
      {token.loft ? (
        <LoftClaimDetails loft={token.loft} rawScope={rawScopeOf(token)} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No <code>loft.sh</code> claim: this is not a vCluster Platform Direct Cluster Endpoint
          Token.
        </p>
      )}
      {unknownKeys.length > 0 ? (
        <div className="space-y-1">
          <h3 className="text-sm font-semibold">Other private claims</h3>
          <JsonBlock value={token.unknown} label="Other private claims" />
        </div>
      ) : null}
    </section>
  );
}

/** The scope exactly as the token carries it (fields this console does not know included). */
function rawScopeOf(token: DecodedToken): unknown {
  const claim = token.claims[LOFT_CLAIM];
  return typeof claim === "object" && claim !== null && !Array.isArray(claim)
    ? (claim as Record<string, unknown>).scope
    : undefined;
}

/** The decoded header and payload as formatted JSON, each copyable. */
function RawJson({ token }: { token: DecodedToken }) {
  const header = JSON.stringify(token.header, null, 2);
  const payload = JSON.stringify(token.claims, null, 2);
  return (
    <details className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <summary className="cursor-pointer text-sm font-semibold">Raw JSON</summary>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <div className="min-w-0 space-y-1">
          <div className="flex items-center gap-2">
            <h3 className="text-sm font-medium">Header</h3>
            <CopyButton text={header} label="Copy header JSON" />
          </div>
          <JsonBlock value={token.header} label="Header JSON" />
        </div>
        <div className="min-w-0 space-y-1">
          <div className="flex items-center gap-2">
            <h3 className="text-sm font-medium">Payload</h3>
            <CopyButton text={payload} label="Copy payload JSON" />
          </div>
          <JsonBlock value={token.claims} label="Payload JSON" />
        </div>
      </div>
    </details>
  );
}
