"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { compareReach, targetLabel, type ReachAnswer } from "@/lib/ledger/compare-reach";
import { ledgerReachQuery } from "@/lib/ledger/queries";
import { formatClaimDate } from "@/lib/token/time";

const when = (iso: string) => formatClaimDate(Date.parse(iso) / 1000) ?? iso;

function Targets({ title, ids, open }: { title: string; ids: string[]; open?: boolean }) {
  return (
    <details open={open && ids.length > 0} className="text-sm">
      <summary className="cursor-pointer font-medium">
        {title} ({ids.length})
      </summary>
      {ids.length ? (
        <ul className="mt-1 list-disc pl-5">
          {ids.map((id) => (
            <li key={id}>{targetLabel(id)}</li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">None.</p>
      )}
    </details>
  );
}

function Comparison({ answer }: { answer: ReachAnswer }) {
  if (!answer.then)
    return (
      <div className="space-y-2">
        <Alert tone="info">
          What the wildcards reached when this token was issued was not recorded, so there is
          nothing to compare with. This is what they reach now (listed {when(answer.now.at)}).
        </Alert>
        <Targets title="Reached now" ids={answer.now.targets} open />
        {answer.now.stopped ? (
          <Alert tone="warning">Not everything is listed: {answer.now.stopped}</Alert>
        ) : null}
      </div>
    );
  const diff = compareReach(answer.then, answer.now);
  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Issued: listed {when(answer.then.at)}. Now: listed {when(answer.now.at)}.
      </p>
      <Targets title="Added since issue" ids={diff.added} open />
      <Targets title="Gone since issue" ids={diff.gone} open />
      <Targets title="Unchanged" ids={diff.unchanged} />
      {diff.truncated ? (
        <Alert tone="warning">
          A list was cut short (too many targets), so some differences may be missing.
          {answer.then.stopped ? (
            <span className="mt-1 block">At issue: {answer.then.stopped}</span>
          ) : null}
          {answer.now.stopped ? (
            <span className="mt-1 block">Now: {answer.now.stopped}</span>
          ) : null}
        </Alert>
      ) : null}
    </div>
  );
}

/**
 * "Compare with now" for a token whose scope has `*` entries or whole projects: what they reached at
 * issue time against what they reach today, read with the signed-in user's key on demand.
 */
export function CompareReach({ id }: { id: string }) {
  const [asked, setAsked] = useState(false);
  const query = useQuery({ ...ledgerReachQuery(id), enabled: asked });
  const panel = useId();
  const busy = asked && query.isFetching;
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        aria-controls={panel}
        disabled={busy}
        onClick={() => (asked ? void query.refetch() : setAsked(true))}
      >
        Compare with now
      </Button>
      <div id={panel} className="space-y-2" data-testid="reach-comparison">
        <p role="status" aria-live="polite" className="text-sm">
          {busy ? "Listing what the wildcards reach now…" : ""}
        </p>
        {query.isError && !busy ? (
          <Alert tone="error" role="alert" className="flex flex-wrap items-center gap-2">
            <span>Could not compare: {query.error.message}</span>
            <Button variant="secondary" onClick={() => void query.refetch()}>
              Retry
            </Button>
          </Alert>
        ) : null}
        {query.data && !busy ? <Comparison answer={query.data} /> : null}
      </div>
    </div>
  );
}
