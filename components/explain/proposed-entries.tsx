import type { ProposedEntry } from "@/lib/explain/propose-scope";
import { lineExcerpt } from "@/lib/explain/propose-from-text";

/** Each entry of the proposed scope with the pasted lines that needed it. */
export function ProposedEntries({ entries, lines }: { entries: ProposedEntry[]; lines: string[] }) {
  if (entries.length === 0) return null;
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium">Entries and the activity that needs them</p>
      <ul aria-label="Proposed entries" className="space-y-2 text-sm">
        {entries.map((entry) => (
          <li key={entry.field} className="space-y-1">
            <p>
              <code className="text-xs">{entry.field}</code> {entry.text}
            </p>
            {entry.lines.length > 0 ? (
              <ul className="space-y-0.5 pl-4 text-xs text-zinc-600 dark:text-zinc-400">
                {entry.lines.map((line) => (
                  <li key={line} className="wrap-anywhere">
                    Line {line}: <code>{lineExcerpt(lines, line)}</code>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
