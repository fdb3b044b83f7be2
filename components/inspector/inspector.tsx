"use client";

import { useDeferredValue, useMemo, useState } from "react";
import { ExplainRefusal } from "@/components/explain/explain-refusal";
import { ProposeScopePanel } from "@/components/explain/propose-scope-panel";
import { RecordedChooser, RecordedNotice } from "@/components/explain/recorded-chooser";
import type { ExplainSubject } from "@/components/explain/use-subject-facts";
import { UseThisToken } from "@/components/kubeconfig/use-token";
import { DecodedClaims } from "@/components/token-viewer/decoded-claims";
import { TokenRecognition } from "@/components/token-viewer/token-recognition";
import { useVerification } from "@/components/token-viewer/use-verification";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { recordedActivityOf } from "@/lib/explain/queries";
import type { RecordedCredential } from "@/lib/explain/recorded-credential";
import { readScope } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { DecodedToken } from "@/lib/token/decode";
import { readInspectorInput, type InspectorInput } from "@/lib/token/input";
import { AccessChecker } from "./access-checker";
import { InspectorSection } from "./inspector-section";
import { ScopeSection } from "./scope-section";
import { SignaturePanel } from "./signature-panel";
import { TokenField } from "./token-field";

type NotUnderstood = { field: string; value?: unknown }[];
type ScopeSource =
  | { usable: true; scope: AccessKeyScope | undefined; notUnderstood: NotUnderstood }
  | { usable: false; why: string };

function scopeOf(input: InspectorInput): ScopeSource | undefined {
  if (input.kind === "scope") {
    const notUnderstood = input.notUnderstood.map((field) => ({ field }));
    return { usable: true, scope: input.scope, notUnderstood };
  }
  if (input.kind !== "token" || !input.decoded.ok) return undefined;
  const loft = input.decoded.loft;
  if (!loft)
    return { usable: false, why: "The token has no loft.sh claim, so it carries no scope." };
  if (loft.scope.state === "invalid")
    return { usable: false, why: "The token's scope is not valid (see above)." };
  if (loft.scope.state === "absent") return { usable: true, scope: undefined, notUnderstood: [] };
  return { usable: true, scope: loft.scope.scope, notUnderstood: loft.scope.notUnderstood };
}

/** A recorded credential's scope, as the inspector reads a pasted one. */
function recordedScopeOf(recorded: RecordedCredential): ScopeSource {
  const read = readScope(recorded.scope);
  if (read.state === "invalid")
    return { usable: false, why: `The recorded scope is not valid: ${read.issues.join("; ")}.` };
  if (read.state === "absent") return { usable: true, scope: undefined, notUnderstood: [] };
  return { usable: true, scope: read.scope, notUnderstood: [] };
}

/** The token's scope for a proposal to stay within: null = unrestricted, undefined = not readable. */
function tokenScopeOf(token: DecodedToken): AccessKeyScope | null | undefined {
  const scope = token.loft?.scope;
  if (!scope) return undefined;
  return scope.state === "valid" ? scope.scope : scope.state === "absent" ? null : undefined;
}

/** The whole inspector. The token lives in this component's state only. */
export function Inspector({
  signedIn,
  projectNamespacePrefix,
  enforcer,
  recorded = [],
  initialEntry,
}: {
  signedIn: boolean;
  projectNamespacePrefix: string;
  /** Who enforces tokens at direct endpoints: the console's local platform, or a real one. */
  enforcer: "local" | "platform";
  /** Credentials the signed-in user issued, as the ledger recorded them (newest first). */
  recorded?: RecordedCredential[];
  /** The ledger entry to explain first (Issued tokens' "Explain access" link). */
  initialEntry?: string;
}) {
  const setting = { signedIn, projectNamespacePrefix, enforcer };
  const [chosenId, setChosenId] = useState(
    recorded.some((r) => r.id === initialEntry) ? initialEntry : undefined,
  );
  const chosen = recorded.find((r) => r.id === chosenId);
  const [text, setText] = useState("");
  const deferred = useDeferredValue(text);
  const input = useMemo(() => readInspectorInput(deferred), [deferred]);
  const token = input.kind === "token" && input.decoded.ok ? input.decoded : undefined;
  const error =
    input.kind === "error"
      ? input.message
      : input.kind === "token" && !input.decoded.ok
        ? input.decoded.message
        : undefined;
  const scope = chosen ? recordedScopeOf(chosen) : scopeOf(input);
  // The one signature check of a pasted token: the signature panel and the explanations share it.
  const platformCheck = useVerification(token, token ? "platform" : undefined);
  const verification = platformCheck.result;
  const subject = useMemo(
    (): ExplainSubject | undefined =>
      chosen
        ? { from: "ledger", recorded: chosen }
        : token
          ? { from: "token", token, verification }
          : undefined,
    [chosen, token, verification],
  );
  const typed = (value: string) => {
    setText(value);
    if (value) setChosenId(undefined);
  };

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <TokenField value={text} onChange={typed} error={error} />
        {text ? (
          <Button variant="secondary" onClick={() => setText("")}>
            Clear
          </Button>
        ) : null}
        {input.kind === "token" && input.from === "manifest" ? (
          <Alert tone="info">
            Read as a DirectClusterEndpointToken manifest: showing the token in its status.
          </Alert>
        ) : null}
        {input.kind === "scope" ? (
          <Alert tone="info">
            Read as a scope{input.ttl !== undefined ? ` (time to live ${input.ttl} s)` : ""}: there
            is no token to decode, so only the scope is explained.
          </Alert>
        ) : null}
        {signedIn && recorded.length ? (
          <RecordedChooser
            recorded={recorded}
            chosen={chosenId}
            onChoose={(id) => {
              setChosenId(id);
              if (id) setText("");
            }}
          />
        ) : null}
      </div>

      {chosen && subject ? (
        <>
          <RecordedNotice recorded={chosen} />
          <InspectorSection title="Why was it refused?">
            <ExplainRefusal subject={subject} {...setting} />
          </InspectorSection>
        </>
      ) : null}

      {input.kind === "empty" && !chosen ? (
        <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          Paste a token above to see its claims, whether its signature is valid, what it can reach,
          and to check access.
        </p>
      ) : null}

      {token && subject?.from === "token" ? (
        <>
          <TokenRecognition token={token} signedIn={signedIn} />
          <InspectorSection title="Decoded claims" region={false}>
            <DecodedClaims token={token} />
          </InspectorSection>
          <InspectorSection title="Signature">
            <SignaturePanel token={token} platformCheck={platformCheck} />
          </InspectorSection>
          <InspectorSection title="Why was it refused?">
            <ExplainRefusal subject={subject} {...setting} />
          </InspectorSection>
          <InspectorSection title="Least privilege">
            <ProposeScopePanel
              credentialScope={tokenScopeOf(token)}
              projectNamespacePrefix={projectNamespacePrefix}
              recorded={
                signedIn && enforcer === "local" ? recordedActivityOf(token.token) : undefined
              }
            />
          </InspectorSection>
          <InspectorSection title="Use with kubectl">
            <UseThisToken token={token} signedIn={signedIn} />
          </InspectorSection>
        </>
      ) : null}

      {scope ? (
        <>
          <InspectorSection title="What it can reach">
            {scope.usable ? (
              <ScopeSection
                scope={scope.scope}
                signedIn={signedIn}
                notUnderstood={scope.notUnderstood}
              />
            ) : (
              <p className="text-sm">{scope.why}</p>
            )}
          </InspectorSection>
          {scope.usable ? (
            <InspectorSection title="Can it reach…?">
              <AccessChecker scope={scope.scope} subject={subject} {...setting} />
            </InspectorSection>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
