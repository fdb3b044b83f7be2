"use client";

import { useQuery } from "@tanstack/react-query";
import { canIQuery } from "@/lib/explain/queries";
import { Alert, type AlertTone } from "@/components/ui/alert";
import { Hint } from "@/components/ui/field";
import {
  canIQuestion,
  combineAccess,
  type CanIRequest,
  type CombinedAnswer,
} from "@/lib/explain/owner-answer";
import type { AccessDecision, AccessRequest } from "@/lib/scope/evaluate";
import type { useIssuedByMe } from "./use-subject-facts";

const TONES: Record<CombinedAnswer["answer"], AlertTone> = {
  allowed: "success",
  refused: "error",
  depends: "warning",
};

/** The combined answer in one sentence: which side refused, or what it depends on. */
function sentence(combined: CombinedAnswer): string {
  const reason = "reason" in combined ? combined.reason.replace(/\.$/, "") : "";
  switch (combined.answer) {
    case "allowed":
      return "Allowed: the token's scope and your own rights on the platform both let it through.";
    case "refused":
      return combined.by === "scope"
        ? "Refused by the token's scope."
        : `Refused by your own rights on the platform: ${reason}.`;
    case "depends":
      return `Depends on the platform: ${reason}.`;
  }
}

function Line({ tone, answer, children }: { tone: AlertTone; answer?: string; children: string }) {
  return (
    <Alert tone={tone} data-testid="own-rights" data-answer={answer}>
      <span className="font-medium">With your own rights:</span> {children}
    </Alert>
  );
}

function Combined({ combined }: { combined: CombinedAnswer }) {
  return (
    <Line tone={TONES[combined.answer]} answer={combined.answer}>
      {sentence(combined)}
    </Line>
  );
}

/** The platform's answer for `question`, combined with the scope's decision once it is in. */
function Asked({ question, decision }: { question: CanIRequest; decision: AccessDecision }) {
  const asked = useQuery(canIQuery(question));
  if (asked.error)
    return <Line tone="error">{`Could not ask the platform: ${asked.error.message}`}</Line>;
  if (!asked.data) return <Line tone="neutral">Asking the platform about your own rights…</Line>;
  return <Combined combined={combineAccess(decision, asked.data)} />;
}

/** The owner's answer for the checked request: asked of the platform unless the scope refuses. */
function OwnAnswer({ request, decision }: { request: AccessRequest; decision: AccessDecision }) {
  const question = canIQuestion(request);
  if (question.ok && decision.answer !== "denied")
    return <Asked question={question.body} decision={decision} />;
  // The scope refuses (the platform need not be asked), or the question cannot be asked.
  const reason = question.ok ? "not asked" : question.reason;
  return <Combined combined={combineAccess(decision, { answer: "depends", reason })} />;
}

/**
 * "With your own rights:" under the access checker's answer: the scope's decision ∩ the signed-in
 * user's own rights on the target, for a credential the user issued (their ledger knows it).
 * Otherwise a hint to sign in as its owner.
 */
export function OwnRights({
  mine,
  request,
  decision,
}: {
  mine: ReturnType<typeof useIssuedByMe>;
  request: AccessRequest;
  decision: AccessDecision;
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      aria-label="Access with your own rights"
    >
      {mine?.state === "found" || mine?.state === "recorded" ? (
        <OwnAnswer request={request} decision={decision} />
      ) : mine?.state === "checking" ? (
        <Hint className="mt-0">Looking up whether you issued this token…</Hint>
      ) : mine?.state === "unknown" ? (
        <Hint className="mt-0" data-testid="own-rights-hint">
          Whether you issued this token is unknown ({mine.reason}), so your own rights are not
          included.
        </Hint>
      ) : (
        <Hint className="mt-0" data-testid="own-rights-hint">
          Sign in as the token&apos;s owner to include their own rights.
        </Hint>
      )}
    </div>
  );
}
