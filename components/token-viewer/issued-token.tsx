"use client";

import { useMemo, useState } from "react";
import type { IssuedTokenResult } from "@/lib/issuing/results";
import { UseThisToken } from "@/components/kubeconfig/credential-use";
import { DecodedClaims } from "@/components/token-viewer/decoded-claims";
import { RequestedVsIssued } from "@/components/token-viewer/requested-vs-issued";
import { ScopeExplanation } from "@/components/token-viewer/scope-explanation";
import { SignatureBadge } from "@/components/token-viewer/signature-badge";
import { TokenParts } from "@/components/token-viewer/token-parts";
import { useVerification } from "@/components/token-viewer/use-verification";
import { IssuedIntro } from "@/components/token-viewer/issued-intro";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { decodeToken } from "@/lib/token/decode";
import { NO_PUBLISHED_KEYS } from "@/lib/token/verify";

/**
 * The region "Issued token": shown once, masked until revealed, copyable, decoded and verified.
 * The token lives only in this component's state: leaving the page forgets it.
 */
export function IssuedToken({
  result,
  onIssueAnother,
}: {
  result: IssuedTokenResult;
  onIssueAnother: () => void;
}) {
  const [revealed, setRevealed] = useState(false);
  const decoded = useMemo(() => decodeToken(result.token), [result.token]);
  const { result: signature } = useVerification(decoded.ok ? decoded : undefined, "platform", {
    notPublished: `${NO_PUBLISHED_KEYS} The inspector (Inspect token) can check it with the pasted certificate.`,
  });
  const scopeClaim = decoded.ok ? decoded.loft?.scope : undefined;

  return (
    <section aria-labelledby="issued-heading" className="space-y-6" role="region">
      <IssuedIntro
        headingId="issued-heading"
        title="Issued token"
        warning="This token is shown only now. Copy it to where it will be used; the dashboard does not keep it."
        recorded="Recorded in this console with its fingerprint and your note, never the token itself:"
        ledgerId={result.ledgerId}
        ledgerLink="see all tokens you issued"
        onIssueAnother={onIssueAnother}
      />
      <div className="space-y-2">
        {decoded.ok ? (
          <TokenParts parts={decoded.parts} masked={!revealed} />
        ) : (
          <p className="font-mono text-xs break-all">{revealed ? result.token : "•".repeat(48)}</p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <CopyButton text={result.token} label="Copy token" className="px-3 py-1.5 text-sm" />
          <Button variant="ghost" aria-pressed={revealed} onClick={() => setRevealed((r) => !r)}>
            {revealed ? "Hide" : "Reveal"}
          </Button>
        </div>
      </div>
      {signature ? <SignatureBadge result={signature} /> : null}
      {decoded.ok ? (
        <>
          <UseThisToken token={decoded} signedIn />
          <RequestedVsIssued
            requested={result.requested}
            unrestricted={result.unrestricted}
            token={decoded}
          />
          <div>
            <h3 className="mb-2 font-semibold">What it can reach</h3>
            <ScopeExplanation
              scope={scopeClaim?.state === "valid" ? scopeClaim.scope : undefined}
              notUnderstood={scopeClaim?.state === "valid" ? scopeClaim.notUnderstood : []}
            />
          </div>
          <DecodedClaims token={decoded} showParts={false} />
        </>
      ) : (
        <Alert tone="error">
          The platform returned a token that could not be decoded: {decoded.message}
        </Alert>
      )}
    </section>
  );
}
