/**
 * A value as indented JSON, scrollable on narrow screens. With a label it is a named region that
 * takes focus, so a keyboard user can scroll it too.
 */
export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  return (
    <pre
      {...(label ? { role: "region", "aria-label": label, tabIndex: 0 } : {})}
      className="max-h-80 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900"
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
