/** A titled list of changes in the "Differences" region; nothing when it is empty. */
export function ChangeList({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium">{title}</p>
      <ul aria-label={title} className="list-disc space-y-1 pl-5 text-sm">
        {items.map((item, i) => (
          <li key={`${i}-${item}`} className="wrap-anywhere">
            {item}
          </li>
        ))}
      </ul>
    </div>
  );
}
