import type { AccessDecision } from "@/lib/scope/evaluate";
import { answerText } from "./checker-form";

const TONES = {
  allowed:
    "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50",
  denied:
    "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50",
  depends:
    "border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50",
} as const;
const ICONS = { allowed: "✓ ", denied: "✕ ", depends: "? " } as const;

/** Allowed / Denied / Depends on the platform, with the scope entries and rules behind the answer. */
export function AccessResult({ decision, request }: { decision: AccessDecision; request: string }) {
  const text = answerText(decision, request);
  return (
    <div
      className={`rounded-md border px-3 py-2 ${TONES[decision.answer]}`}
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
    </div>
  );
}
