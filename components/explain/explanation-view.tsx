import Link from "next/link";
import { useId } from "react";
import type { ExplainState } from "@/components/explain/use-explanation";
import { Alert } from "@/components/ui/alert";
import { checkTitle, type Explanation } from "@/lib/explain/checks";
import { additionText, withAddition } from "@/lib/explain/scope-fix";
import { encodeScopeState } from "@/lib/scope/url-state";
import { reissueBase, type ExplainSubject } from "./use-subject-facts";

const OUTCOME_WORDS = { pass: "passes", skip: "not needed", fail: "fails", unknown: "unknown" };

/** The builder, pre-filled with the credential's scope plus the fix's entries and its lifetime. */
function fixHref(subject: ExplainSubject, explanation: Explanation): string | undefined {
  const add = explanation.fix?.add;
  const base = reissueBase(subject);
  if (!add || !base) return undefined;
  return `/tokens/new?${encodeScopeState({ ...base, scope: withAddition(base.scope, add) })}`;
}

function Verdict({ explanation, code }: { explanation: Explanation; code?: number }) {
  const { verdict, check } = explanation;
  if (verdict === "refused" && check)
    return (
      <p className="font-medium">
        Refused at <strong>{checkTitle(check)}</strong>
        {code ? ` (the client got ${code})` : ""}.
      </p>
    );
  if (verdict === "depends" && check)
    return (
      <p className="font-medium">
        Depends on the platform at <strong>{checkTitle(check)}</strong>: the console cannot know.
      </p>
    );
  return (
    <p className="font-medium">
      No check the console can run refuses this request
      {code && code >= 400
        ? `, yet the client got ${code}: the platform refused it for a reason of its own`
        : ""}
      .
    </p>
  );
}

/** The "Explanation" region: the verdict, its evidence, the fix and every check in order. */
export function ExplanationView({
  explained,
  subject,
}: {
  explained: ExplainState;
  subject: ExplainSubject;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} aria-live="polite" className="space-y-2">
      <h3 id={id} className="font-semibold">
        Explanation
      </h3>
      {explained.state === "empty" ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Paste what the client printed to see which check refused the token.
        </p>
      ) : explained.state === "no-request" ? (
        <Alert tone="info">
          {explained.output.code ? `The client got ${explained.output.code}. ` : ""}The text names
          no request: paste the URL (kubectl -v=6 prints it) or give the server URL from the
          kubeconfig.
        </Alert>
      ) : (
        <ExplanationBody
          explanation={explained.explanation}
          code={explained.output.code}
          subject={subject}
        />
      )}
    </section>
  );
}

/** The verdict, its evidence, the fix (a link to the pre-filled builder) and every check. */
export function ExplanationBody({
  explanation,
  code,
  subject,
}: {
  explanation: Explanation;
  code?: number;
  subject: ExplainSubject;
}) {
  const href = fixHref(subject, explanation);
  const fix = explanation.fix;
  return (
    <div className="space-y-2 text-sm [overflow-wrap:anywhere]">
      <Verdict explanation={explanation} code={code} />
      {explanation.evidence.length ? (
        <ul className="ml-4 list-disc">
          {explanation.evidence.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {fix ? (
        <Alert tone="info">
          {href && fix.add ? (
            <Link href={href} className="font-medium underline underline-offset-4">
              Issue again with {additionText(fix.add)}
            </Link>
          ) : (
            fix.text
          )}
          {fix.then ? ` Then ${checkTitle(fix.then).toLowerCase()} still decides.` : null}
        </Alert>
      ) : null}
      <details>
        <summary className="cursor-pointer">Every check, in order</summary>
        <ol className="ml-4 list-decimal">
          {explanation.steps.map((step) => (
            <li key={step.id}>
              {step.title}: {OUTCOME_WORDS[step.outcome]}
              {step.evidence.length ? ` — ${step.evidence.join(" ")}` : ""}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
