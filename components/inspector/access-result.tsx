import { Alert, type AlertTone } from "@/components/ui/alert";
import type { AccessDecision } from "@/lib/scope/evaluate";
import { answerText } from "@/lib/inspector/checker-form";

const TONES: Record<AccessDecision["answer"], AlertTone> = {
  allowed: "success",
  denied: "error",
  depends: "warning",
};
const ICONS = { allowed: "✓ ", denied: "✕ ", depends: "? " } as const;

/** Allowed / Denied / Depends on the platform, with the scope entries and rules behind the answer. */
export function AccessResult({ decision, request }: { decision: AccessDecision; request: string }) {
  const text = answerText(decision, request);
  return (
    <Alert
      tone={TONES[decision.answer]}
      className="text-base"
      data-testid="access-result"
      data-answer={decision.answer}
      data-allowed={decision.allowed}
    >
      <p className="text-lg font-semibold">
        <span aria-hidden="true">{ICONS[decision.answer]}</span>
        {text.heading}
      </p>
      <p className="text-sm">{text.lead}</p>
      <p className="mt-2 text-sm font-medium">{text.why}</p>
      <ul className="list-disc pl-5 text-sm wrap-anywhere">
        {decision.reasons.map((reason, i) => (
          <li key={i}>{reason}</li>
        ))}
      </ul>
    </Alert>
  );
}
