import type { ScopeWarning } from "@/lib/scope/describe";

const STYLE = {
  danger:
    "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  warning:
    "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  info: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
} as const;

const WORD = { danger: "Danger", warning: "Warning", info: "Note" } as const;

export function WarningList({ warnings }: { warnings: ScopeWarning[] }) {
  if (!warnings.length) return null;
  return (
    <ul className="space-y-1">
      {warnings.map((w) => (
        <li
          key={`${w.level}:${w.message}`}
          className={`rounded-md border px-3 py-1.5 text-sm ${STYLE[w.level]}`}
        >
          <strong>{WORD[w.level]}:</strong> {w.message}
        </li>
      ))}
    </ul>
  );
}
