import { alertClassName, type AlertTone } from "@/components/ui/alert";
import {
  describeScope,
  scopeWarnings,
  type KnownNames,
  type ScopeWarningLevel,
} from "@/lib/scope/describe";
import type { AccessKeyScope } from "@/lib/scope/schema";

const LEVELS: Record<ScopeWarningLevel, { label: string; tone: AlertTone }> = {
  danger: { label: "Danger", tone: "error" },
  warning: { label: "Warning", tone: "warning" },
  info: { label: "Note", tone: "info" },
};

/**
 * A scope in plain language, grouped by project, with warnings for scopes broader than they look.
 * `known` (names on the platform, when signed in) adds "does not exist" warnings and counts.
 */
export function ScopeExplanation({
  scope,
  known,
  notUnderstood = [],
}: {
  scope: AccessKeyScope | undefined;
  known?: KnownNames;
  /** Fields of the scope this console does not understand (from a newer platform): listed, never fatal. */
  notUnderstood?: { field: string; value?: unknown }[];
}) {
  const description = describeScope(scope, known);
  const warnings = scopeWarnings(scope, known);
  return (
    <div className="space-y-3" data-testid="scope-explanation">
      <p className="font-medium">{description.headline}</p>
      {description.lines.length > 0 && description.kind === "scoped" ? (
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
              className={alertClassName(LEVELS[warning.level].tone, "wrap-anywhere")}
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
      {notUnderstood.length > 0 ? (
        <div
          data-testid="not-understood"
          className="rounded-md border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700"
        >
          <p className="font-medium">Not understood by this console</p>
          <p className="text-zinc-600 dark:text-zinc-400">
            These fields are not part of the scope this console knows (a newer platform?). They are
            left out of the explanation and the access check; the platform may still apply them.
          </p>
          <ul className="list-disc pl-5">
            {notUnderstood.map(({ field, value }) => (
              <li key={field} className="wrap-anywhere">
                <code>{field}</code>
                {value !== undefined ? (
                  <code className="ml-1 text-xs opacity-80">= {JSON.stringify(value)}</code>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
