import {
  describeScope,
  scopeWarnings,
  type KnownNames,
  type ScopeWarningLevel,
} from "@/lib/scope/describe";
import type { AccessKeyScope } from "@/lib/scope/schema";

const LEVELS: Record<ScopeWarningLevel, { label: string; className: string }> = {
  danger: {
    label: "Danger",
    className:
      "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  },
  warning: {
    label: "Warning",
    className:
      "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  },
  info: {
    label: "Note",
    className:
      "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
  },
};

/**
 * A scope in plain language, grouped by project, with warnings for scopes broader than they look.
 * `known` (names on the platform, when signed in) adds "does not exist" warnings and counts.
 */
export function ScopeExplanation({
  scope,
  known,
}: {
  scope: AccessKeyScope | undefined;
  known?: KnownNames;
}) {
  const description = describeScope(scope, known);
  const warnings = scopeWarnings(scope, known);
  return (
    <div className="space-y-3" data-testid="scope-explanation">
      <p className="font-medium">{description.headline}</p>
      {description.lines.length > 0 && description.status === "scoped" ? (
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {description.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {warnings.length > 0 ? (
        <ul aria-label="Scope warnings" className="space-y-2">
          {warnings.map((warning, i) => (
            <li
              key={`${warning.field ?? ""}-${i}`}
              className={`rounded-md border px-3 py-2 text-sm wrap-anywhere ${LEVELS[warning.level].className}`}
            >
              <strong>{LEVELS[warning.level].label}: </strong>
              {warning.message}
              {warning.field ? (
                <code className="ml-1 text-xs opacity-80">({warning.field})</code>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
