"use client";

import { useDeferredValue, useMemo, useState } from "react";
import { ExplainRefusal } from "@/components/explain/explain-refusal";
import { ProposeScopePanel } from "@/components/explain/propose-scope-panel";
import { RecordedChooser, RecordedNotice } from "@/components/explain/recorded-chooser";
import type { ExplainSetting, ExplainSubject } from "@/components/explain/use-subject-facts";
import { UseThisToken } from "@/components/kubeconfig/credential-use";
import { DecodedClaims } from "@/components/token-viewer/decoded-claims";
import { TokenRecognition } from "@/components/token-viewer/token-recognition";
import {
  useVerification,
  type VerificationCheck,
} from "@/components/token-viewer/use-verification";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { recordedActivityOf } from "@/lib/explain/queries";
import type { RecordedCredential } from "@/lib/explain/recorded-credential";
import {
  inputError,
  recordedScopeOf,
  scopeOf,
  tokenScopeOf,
  type ScopeSource,
} from "@/lib/inspector/scope-source";
import { readInspectorInput, type InspectorInput } from "@/lib/token/input";
import { AccessChecker } from "./access-checker";
import { InspectorSection } from "./inspector-section";
import { ScopeSection } from "./scope-section";
import { SignaturePanel } from "./signature-panel";
import { TokenField } from "./token-field";

/** What the inspector made of pasted text that is not a bare token. */
function ReadAs({ input }: { input: InspectorInput }) {
  if (input.kind === "token" && input.from === "manifest")
    return (
      <Alert tone="info">
        Read as a DirectClusterEndpointToken manifest: showing the token in its status.
      </Alert>
    );
  if (input.kind === "scope")
    return (
      <Alert tone="info">
        Read as a scope{input.ttl !== undefined ? ` (time to live ${input.ttl} s)` : ""}: there is
        no token to decode, so only the scope is explained.
      </Alert>
    );
  return null;
}

function NothingPasted() {
  return (
    <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
      Paste a token above to see its claims, whether its signature is valid, what it can reach, and
      to check access.
    </p>
  );
}

/** A credential chosen from Issued tokens: what the ledger recorded, and why it was refused. */
function RecordedPanels({
  subject,
  setting,
}: {
  subject: Extract<ExplainSubject, { from: "ledger" }>;
  setting: ExplainSetting;
}) {
  return (
    <>
      <RecordedNotice recorded={subject.recorded} />
      <InspectorSection title="Why was it refused?">
        <ExplainRefusal subject={subject} {...setting} />
      </InspectorSection>
    </>
  );
}

/** A pasted token's panels: recognition, claims, signature, refusals, least privilege, kubectl. */
function TokenPanels({
  subject,
  platformCheck,
  setting,
}: {
  subject: Extract<ExplainSubject, { from: "token" }>;
  platformCheck: VerificationCheck;
  setting: ExplainSetting;
}) {
  const { token } = subject;
  const { signedIn, projectNamespacePrefix, enforcer } = setting;
  return (
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
          recorded={signedIn && enforcer === "local" ? recordedActivityOf(token.token) : undefined}
        />
      </InspectorSection>
      <InspectorSection title="Use with kubectl">
        <UseThisToken token={token} signedIn={signedIn} />
      </InspectorSection>
    </>
  );
}

/** What a scope (pasted, in a token, or recorded) can reach, and the access checker. */
function ScopePanels({
  scope,
  subject,
  setting,
}: {
  scope: ScopeSource;
  subject: ExplainSubject | undefined;
  setting: ExplainSetting;
}) {
  return (
    <>
      <InspectorSection title="What it can reach">
        {scope.usable ? (
          <ScopeSection
            scope={scope.scope}
            signedIn={setting.signedIn}
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
  );
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
        <TokenField value={text} onChange={typed} error={inputError(input)} />
        {text ? (
          <Button variant="secondary" onClick={() => setText("")}>
            Clear
          </Button>
        ) : null}
        <ReadAs input={input} />
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

      {subject?.from === "ledger" ? <RecordedPanels subject={subject} setting={setting} /> : null}

      {input.kind === "empty" && !chosen ? <NothingPasted /> : null}

      {subject?.from === "token" ? (
        <TokenPanels subject={subject} platformCheck={platformCheck} setting={setting} />
      ) : null}

      {scope ? <ScopePanels scope={scope} subject={subject} setting={setting} /> : null}
    </div>
  );
}
