"use client";

import { useMemo, useState } from "react";
import type { IssuedAccessKeyResult } from "@/lib/issuing/results";
import { UseThisKey } from "@/components/kubeconfig/key-use";
import { ScopeExplanation } from "@/components/token-viewer/scope-explanation";
import { IssuedIntro } from "@/components/token-viewer/issued-intro";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { readScope } from "@/lib/scope/read";
import { expiryWords, keyExpiry } from "@/lib/access-keys/expiry";
import { useNow } from "@/components/hooks/use-now";

const term = "text-zinc-600 dark:text-zinc-400";

/**
 * The region "Issued access key": the new key shown once, masked until revealed and copyable, with
 * its name, display name, expiry and scope in words. The key lives only in this component's state:
 * leaving the page forgets it.
 */
export function IssuedAccessKey({
  result,
  onIssueAnother,
}: {
  result: IssuedAccessKeyResult;
  onIssueAnother: () => void;
}) {
  const [revealed, setRevealed] = useState(false);
  const now = useNow(60_000);
  const scope = useMemo(() => readScope(result.scope), [result.scope]);

  return (
    <section aria-labelledby="issued-key-heading" className="space-y-6" role="region">
      <IssuedIntro
        headingId="issued-key-heading"
        title="Issued access key"
        warning="This access key is shown only now. Copy it to where it will be used; neither the dashboard nor the platform shows it again."
        recorded="Recorded in this console with its fingerprint and your note, never the key itself:"
        ledgerId={result.ledgerId}
        ledgerLink="see everything you issued"
        onIssueAnother={onIssueAnother}
      />
      <div className="space-y-2">
        <p className="font-mono text-xs break-all" data-testid="access-key-value">
          {revealed ? result.key : "•".repeat(48)}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <CopyButton text={result.key} label="Copy access key" className="px-3 py-1.5 text-sm" />
          <Button variant="ghost" aria-pressed={revealed} onClick={() => setRevealed((r) => !r)}>
            {revealed ? "Hide" : "Reveal"}
          </Button>
        </div>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className={term}>Name</dt>
        <dd>
          <code className="font-mono text-xs">{result.name}</code>
        </dd>
        <dt className={term}>Display name</dt>
        <dd className="break-words">{result.displayName}</dd>
        {result.description ? (
          <>
            <dt className={term}>Description</dt>
            <dd className="break-words">{result.description}</dd>
          </>
        ) : null}
        <dt className={term}>Expires</dt>
        <dd>
          {now === null
            ? "…"
            : expiryWords(
                keyExpiry({
                  createdAt: result.createdAt,
                  ttl: result.ttl ?? null,
                  ttlAfterLastActivity: result.ttlAfterLastActivity,
                  lastActivity: null,
                }),
                now,
              )}
        </dd>
      </dl>
      <UseThisKey accessKey={result.key} scope={result.scope} expiresAt={result.expiresAt} />
      <div>
        <h3 className="mb-2 font-semibold">What it can reach</h3>
        {scope.state === "invalid" ? (
          <Alert tone="warning">
            The platform answered with a scope this console cannot read: {scope.issues.join("; ")}
          </Alert>
        ) : (
          <ScopeExplanation
            scope={scope.state === "valid" ? scope.scope : undefined}
            notUnderstood={scope.state === "valid" ? scope.notUnderstood : []}
          />
        )}
      </div>
    </section>
  );
}
