"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { downloadText } from "@/lib/kubeconfig/browser-download";
import { TargetsTable } from "@/components/kubeconfig/targets-table";
import { targetsQuery } from "@/lib/kubeconfig/queries";
import { TokenSnippets } from "@/components/kubeconfig/token-snippets";
import type { PanelCredential, ScopeInput } from "@/lib/kubeconfig/credential";
import { CREDENTIAL_NAMES, kubeconfigText, usable } from "@/lib/kubeconfig/assemble";
import type { TargetsResult } from "@/lib/kubeconfig/targets";

function Kubeconfig({
  credential,
  result,
}: {
  credential: PanelCredential;
  result: TargetsResult;
}) {
  const names = CREDENTIAL_NAMES[credential.kind];
  const targets = useMemo(() => usable(result.targets), [result.targets]);
  const text = useMemo(
    () =>
      kubeconfigText(targets, credential.secret, {
        generatedAt: result.snapshotAt,
        expiresAt: credential.expiresAt,
        credential: credential.kind,
      }),
    [targets, credential, result.snapshotAt],
  );
  const left = result.targets.length - targets.length;
  // Where the listing stopped when it ran out of platform requests (shown once, in the warning).
  const budgetNote = result.budget?.note;
  return (
    <div className="space-y-3">
      <p role="status" className="text-sm">
        {targets.length === 0
          ? `This ${names.noun} reaches no target with a direct endpoint, so there is no kubeconfig to make.`
          : `${targets.length} ${targets.length === 1 ? "target" : "targets"} in the kubeconfig` +
            (left ? `; ${left} listed without a server URL (reasons below).` : ".")}
      </p>
      {targets.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button onClick={() => downloadText(names.file, text)}>Download kubeconfig</Button>
          <CopyButton text={text} label="Copy kubeconfig" className="px-3 py-1.5 text-sm" />
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            e.g. <code>kubectl --kubeconfig {names.file} get namespaces</code>; the file holds the{" "}
            {names.noun}: keep it private.
          </span>
        </div>
      ) : null}
      {result.targets.length > 0 ? <TargetsTable targets={result.targets} /> : null}
      {result.truncated ? (
        <Alert tone="warning">
          Not every target is listed: {budgetNote ?? "the lists were cut off at a bounded size."}
        </Alert>
      ) : null}
      {result.notes
        .filter((note) => note !== budgetNote)
        .map((note) => (
          <p key={note} className="text-xs text-zinc-600 dark:text-zinc-400">
            {note}
          </p>
        ))}
      <TokenSnippets
        token={credential.secret}
        targets={targets}
        variable={names.variable}
        noun={names.noun}
      />
    </div>
  );
}

function Targets({
  credential,
  scope,
}: {
  credential: PanelCredential;
  scope: AccessKeyScopeOrNull;
}) {
  const query = useQuery(targetsQuery(scope));
  if (query.isPending)
    return (
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Finding the targets this {CREDENTIAL_NAMES[credential.kind].noun} reaches and their direct
        endpoints…
      </p>
    );
  if (query.isError)
    return (
      <Alert tone="error" role="alert" className="space-y-2">
        <p>Could not list the targets: {query.error.message}</p>
        <Button variant="secondary" onClick={() => void query.refetch()}>
          Retry
        </Button>
      </Alert>
    );
  return <Kubeconfig credential={credential} result={query.data} />;
}

type AccessKeyScopeOrNull = Extract<ScopeInput, { kind: "scoped" }>["scope"] | null;

/**
 * "Use this token" / "Use this key": targets with their server URLs, the kubeconfig, header, export
 * line and curl, for a credential (a token or an access key) and its scope. The credential stays in
 * the browser: only the scope is sent, to list the targets.
 */
export function UseTokenPanel({
  credential,
  scope,
  signedIn,
}: {
  credential: PanelCredential;
  scope: ScopeInput;
  signedIn: boolean;
}) {
  const names = CREDENTIAL_NAMES[credential.kind];
  return (
    <section
      aria-label={credential.kind === "accesskey" ? "Use this key" : "Use this token"}
      className="space-y-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
    >
      {scope.kind === "unrestricted" ? (
        <Alert tone="info">
          This {names.noun} has no scope: it reaches whatever its owner may reach, now and later.
          {signedIn
            ? " Listed below are the targets you can see now (at most 200), as a snapshot; the owner's access may differ from yours."
            : ""}
        </Alert>
      ) : null}
      {scope.kind === "unknown" ? <Alert tone="warning">{scope.why}</Alert> : null}
      {scope.kind !== "unknown" && !signedIn ? (
        <p className="text-sm">
          Sign in to list the targets this {names.noun} reaches and download a kubeconfig for them.
        </p>
      ) : null}
      {scope.kind !== "unknown" && signedIn ? (
        <Targets credential={credential} scope={scope.kind === "scoped" ? scope.scope : null} />
      ) : (
        <TokenSnippets
          token={credential.secret}
          targets={[]}
          variable={names.variable}
          noun={names.noun}
        />
      )}
    </section>
  );
}
