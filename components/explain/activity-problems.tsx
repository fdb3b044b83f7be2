import type { ActivityProblem } from "@/lib/explain/activity";

/** Why pasted activity lines were not used (errors) or used with a caveat (warnings), by line. */
export function ActivityProblems({ problems }: { problems: ActivityProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium">Lines not understood</p>
      <ul aria-label="Lines not understood" className="list-disc space-y-1 pl-5 text-sm">
        {problems.map((p, i) => (
          <li key={`${p.line}-${i}`} className="wrap-anywhere">
            {p.line === 0 ? "Kubeconfig" : `Line ${p.line}`}
            {p.level === "warning" ? " (used, with a caveat)" : " (not used)"}: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
