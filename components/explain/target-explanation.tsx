"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useMemo } from "react";
import { explainAccess } from "@/lib/explain/checks";
import { canIQuestion } from "@/lib/explain/owner-answer";
import { canIQuery } from "@/lib/explain/queries";
import type { AccessDecision, AccessRequest } from "@/lib/scope/evaluate";
import { ExplanationBody } from "./explanation-view";
import { useSubjectFacts, type ExplainSetting, type ExplainSubject } from "./use-subject-facts";

/**
 * Every check a direct endpoint would run for the checked target, in order — not only the scope:
 * the signature, lifetime and revocation of the credential, the scope, and, for a credential the
 * signed-in user issued, the platform's answer about their own rights (the same question the line
 * above asks, shared through the query cache).
 */
export function TargetExplanation({
  subject,
  request,
  decision,
  setting,
}: {
  subject: ExplainSubject;
  request: AccessRequest;
  decision: AccessDecision;
  setting: ExplainSetting;
}) {
  const id = useId();
  const { facts, mine } = useSubjectFacts(subject, setting);
  const question = canIQuestion(request);
  const ask = mine && question.ok && decision.answer !== "denied";
  const asked = useQuery(canIQuery(ask && question.ok ? question.body : undefined));
  const answered = ask ? asked.data : undefined;
  const explanation = useMemo(() => {
    if (!facts) return undefined;
    if (!answered) return explainAccess(facts, { access: request });
    // The platform answered at the target's direct endpoint: it is there, and the owner too.
    const target = answered.answer === "allowed" ? { directEndpoint: true as const } : facts.target;
    return explainAccess(
      { ...facts, owner: { ...facts.owner, answered }, target },
      { access: request },
    );
  }, [facts, answered, request]);

  return (
    <section
      aria-labelledby={id}
      className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <h3 id={id} className="font-semibold">
        Every check for this target
      </h3>
      {explanation ? <ExplanationBody explanation={explanation} subject={subject} /> : null}
    </section>
  );
}
