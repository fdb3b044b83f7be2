/** What react-hook-form keeps beside an error's fields; never a field of the entry itself. */
const META = new Set(["message", "type", "types", "ref", "root"]);

function messageOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("message" in error)) return undefined;
  return typeof error.message === "string" && error.message ? error.message : undefined;
}

/**
 * The one message a list field shows, from react-hook-form's errors for it: the list's own (a
 * `projects` error, or `projects.root`), else the first entry with an error — one of its fields
 * (`spaces.0.project`, in the order they were reported), else the entry's own. `numbered` names the
 * entry ("Entry 2: …"), for lists of plain values typed in one box (a rule's verbs, resources).
 */
export function firstError(
  errors: unknown,
  { numbered = false }: { numbered?: boolean } = {},
): string | undefined {
  if (typeof errors !== "object" || errors === null) return undefined;
  const own = messageOf(errors) ?? ("root" in errors ? messageOf(errors.root) : undefined);
  if (own || !Array.isArray(errors)) return own;
  const index = errors.findIndex(Boolean);
  const entry: unknown = errors[index];
  if (typeof entry !== "object" || entry === null) return undefined;
  let message: string | undefined;
  for (const [key, value] of Object.entries(entry)) {
    message = META.has(key) ? undefined : messageOf(value);
    if (message) break;
  }
  message ??= messageOf(entry);
  return message && numbered ? `Entry ${index + 1}: ${message}` : message;
}
