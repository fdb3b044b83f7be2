import type { AccessDecision } from "@/lib/scope/evaluate";

/** Allowed / Denied with the scope entries and rules behind the answer. */
export function AccessResult({ decision, request }: { decision: AccessDecision; request: string }) {
  const tone = decision.allowed
    ? "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50"
    : "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50";
  return (
    <div
      className={`rounded-md border px-3 py-2 ${tone}`}
      data-testid="access-result"
      data-allowed={decision.allowed}
    >
      <p className="text-lg font-semibold">
        <span aria-hidden="true">{decision.allowed ? "✓ " : "✕ "}</span>
        {decision.allowed ? "Allowed" : "Denied"}
      </p>
      <p className="text-sm">
        {decision.allowed ? "The token may send " : "The token may not send "}
        {request}.
      </p>
      <p className="mt-2 text-sm font-medium">
        {decision.allowed ? "Why:" : "Why not, entry by entry:"}
      </p>
      <ul className="list-disc pl-5 text-sm wrap-anywhere">
        {decision.reasons.map((reason, i) => (
          <li key={i}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}
