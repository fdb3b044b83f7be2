import { cn } from "@/lib/cn";

export function Chips({
  items,
  onRemove,
  label,
}: {
  /** `beyond`: why the entry lies outside the signed-in key's own scope (shown and announced). */
  items: Array<{ key: string; text: string; wildcard?: boolean; beyond?: string }>;
  onRemove: (index: number) => void;
  label: string;
}) {
  if (!items.length) return null;
  return (
    <ul aria-label={label} className="mt-2 flex flex-wrap gap-2">
      {items.map((item, index) => (
        <li
          key={item.key}
          data-beyond-key={item.beyond ? "true" : undefined}
          title={item.beyond}
          className={cn(
            "inline-flex items-center gap-1 rounded-full border py-0.5 pr-1 pl-3 text-sm",
            item.beyond
              ? "border-amber-500 bg-amber-50 dark:border-amber-600 dark:bg-amber-950"
              : item.wildcard
                ? "border-sky-400 bg-sky-50 dark:border-sky-700 dark:bg-sky-950"
                : "border-zinc-300 bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-800",
          )}
        >
          <span className="font-mono text-xs">{item.text}</span>
          {item.beyond ? (
            <span className="text-xs text-amber-900 dark:text-amber-200">
              <span aria-hidden="true">⚠ </span>beyond your key
            </span>
          ) : null}
          <button
            type="button"
            onClick={() => onRemove(index)}
            aria-label={`Remove ${item.text}`}
            className="rounded-full px-1.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
          >
            <span aria-hidden>×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
