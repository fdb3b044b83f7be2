import { useId } from "react";

/**
 * A titled card of the inspector page: a region named by its h2. `region={false}` when the content
 * is itself a named region (the "Decoded claims" section), so the name is not doubled.
 */
export function InspectorSection({
  title,
  region = true,
  children,
}: {
  title: string;
  region?: boolean;
  children: React.ReactNode;
}) {
  const id = useId();
  const Tag = region ? "section" : "div";
  return (
    <Tag
      aria-labelledby={region ? id : undefined}
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/40"
    >
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </Tag>
  );
}
