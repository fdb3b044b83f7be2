"use client";

import { Alert } from "@/components/ui/alert";
import { ClaimsTable } from "@/components/token-viewer/claims-table";
import { JsonBlock } from "@/components/token-viewer/json-block";
import { LoftClaimDetails } from "@/components/token-viewer/loft-claim";
import { TokenTimeStatus } from "@/components/token-viewer/time-status";
import { TokenParts } from "@/components/token-viewer/token-parts";
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
      <TokenTimeStatus claims={token.claims} />
      <div className="grid gap-4 md:grid-cols-2">
        <ClaimsTable caption="Header" values={token.header} />
        <ClaimsTable caption="Claims" values={token.claims} omit={[LOFT_CLAIM, ...unknownKeys]} />
      </div>
      {token.loft ? (
        <LoftClaimDetails loft={token.loft} />
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
