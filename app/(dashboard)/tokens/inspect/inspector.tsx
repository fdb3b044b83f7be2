"use client";

import { useDeferredValue, useMemo, useState } from "react";
import { ExplainRefusal } from "@/components/explain/explain-refusal";
import { ProposeScopePanel } from "@/components/explain/propose-scope-panel";
import { recordedActivityOf } from "@/components/explain/recorded-activity";
import { UseThisToken } from "@/components/kubeconfig/use-token";
import { DecodedClaims } from "@/components/token-viewer/decoded-claims";
import { TokenRecognition } from "@/components/token-viewer/token-recognition";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
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
}: {
  signedIn: boolean;
  projectNamespacePrefix: string;
  /** Who enforces tokens at direct endpoints: the console's local platform, or a real one. */
  enforcer: "local" | "platform";
}) {
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
  const scope = scopeOf(input);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <TokenField value={text} onChange={setText} error={error} />
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
      </div>

      {input.kind === "empty" ? (
        <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          Paste a token above to see its claims, whether its signature is valid, what it can reach,
          and to check access.
        </p>
      ) : null}

      {token ? (
        <>
          <TokenRecognition token={token} signedIn={signedIn} />
          <InspectorSection title="Decoded claims" region={false}>
            <DecodedClaims token={token} />
          </InspectorSection>
          <InspectorSection title="Signature">
            <SignaturePanel token={token} />
          </InspectorSection>
          <InspectorSection title="Why was it refused?">
            <ExplainRefusal
              token={token}
              signedIn={signedIn}
              projectNamespacePrefix={projectNamespacePrefix}
              enforcer={enforcer}
            />
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
              <AccessChecker
                scope={scope.scope}
                signedIn={signedIn}
                projectNamespacePrefix={projectNamespacePrefix}
                token={token}
              />
            </InspectorSection>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
