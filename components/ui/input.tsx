import { cn } from "@/lib/cn";

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return (
    <input
      className={cn(
        "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm placeholder:text-zinc-400 aria-invalid:border-red-600 aria-invalid:ring-1 aria-invalid:ring-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-invalid:border-red-400 dark:aria-invalid:ring-red-400",
        className,
      )}
      {...props}
    />
  );
}

export function Textarea({ className, ...props }: React.ComponentProps<"textarea">) {
  return (
    <textarea
      className={cn(
        "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-xs aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-invalid:border-red-400",
        className,
      )}
      {...props}
    />
  );
}

/**
 * A field for a pasted secret (a token, a key): not autocompleted, corrected, capitalised,
 * spell-checked or offered to password managers, and broken anywhere so a JWT wraps.
 */
export function SecretTextarea({ className, ...props }: React.ComponentProps<"textarea">) {
  return (
    <Textarea
      autoComplete="off"
      autoCorrect="off"
      autoCapitalize="off"
      spellCheck={false}
      data-1p-ignore
      data-lpignore="true"
      className={cn("break-all", className)}
      {...props}
    />
  );
}
