/** A value as indented JSON, scrollable on narrow screens. */
export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  return (
    <pre
      aria-label={label}
      className="max-h-80 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900"
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
