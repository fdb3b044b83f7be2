"use client";

import { useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { proposeFromActivity } from "@/lib/explain/propose-from-text";
import type { RecordedActivitySource } from "@/lib/explain/queries";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { ActivityProblems } from "./activity-problems";
import { LoadRecorded } from "./load-recorded";
import { ProposedScope } from "./proposed-scope";

const EMPTY =
  "Paste what the job did first: kubectl lines with their contexts, or audit events (one JSON object a line).";
const NOTHING = "No request could be read from the activity: see why each line was not used below.";

/**
 * Least privilege from activity: pasted kubectl lines or audit events → the narrowest scope that
 * admits every request, within `credentialScope` when known (undefined = not known, null =
 * unrestricted), opened in the builder. Read and proposed in the browser: nothing is sent.
 */
export function ProposeScopePanel({
  credentialScope,
  projectNamespacePrefix,
  recorded,
  heading,
}: {
  credentialScope: AccessKeyScope | null | undefined;
  projectNamespacePrefix: string;
  recorded?: RecordedActivitySource;
  /** The level of the "Proposed scope" heading (h3 inside a titled section, the default). */
  heading?: "h2" | "h3";
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [submitted, setSubmitted] = useState<string>();
  const result = useMemo(
    () =>
      submitted === undefined
        ? undefined
        : proposeFromActivity(submitted, { credential: credentialScope, projectNamespacePrefix }),
    [submitted, credentialScope, projectNamespacePrefix],
  );
  const error =
    result?.state === "empty" ? EMPTY : result?.state === "nothing" ? NOTHING : undefined;
  const change = (value: string) => {
    setText(value);
    if (result && result.state !== "proposed") setSubmitted(undefined);
  };
  return (
    <div className="space-y-3">
      <div>
        <Label htmlFor={id}>Activity</Label>
        <Textarea
          id={id}
          rows={8}
          value={text}
          onChange={(event) => change(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder={"kubectl --context dce_vcluster_default_x get pods -n web"}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        />
        <Hint id={`${id}-hint`}>
          kubectl command lines with their contexts (the console&apos;s dce_… contexts, a pasted
          kubeconfig, or lines such as <code>context ci = https://…</code>), or audit.k8s.io/v1
          Event JSON, one a line. Read in your browser: nothing is sent to the server.
        </Hint>
        <FieldError id={`${id}-error`} message={error} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => setSubmitted(text)}>Propose scope</Button>
        {recorded ? <LoadRecorded recorded={recorded} onLoaded={change} /> : null}
      </div>
      {result?.state === "nothing" ? <ActivityProblems problems={result.problems} /> : null}
      {result?.state === "proposed" ? <ProposedScope result={result} heading={heading} /> : null}
    </div>
  );
}
