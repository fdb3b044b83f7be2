/** A select of credentials you issued, newest first; "" is the prompt, choosing nothing. */
export function IssuedSelect({
  id,
  options,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  options: { id: string; label: string }[];
  value: string;
  onChange: (id: string) => void;
  describedBy?: string;
}) {
  return (
    <select
      id={id}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-describedby={describedBy}
      className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
    >
      <option value="">Choose from Issued tokens…</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
