import { cn } from "@/lib/cn";

const TONES = {
  error:
    "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  warning:
    "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  info: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
  success:
    "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  neutral:
    "border-zinc-300 bg-zinc-50 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
} as const;

export type AlertTone = keyof typeof TONES;

/** The alert box's classes, for an element that must be something other than a div (a list item, a section). */
export function alertClassName(tone: AlertTone, className?: string) {
  return cn("rounded-md border px-3 py-2 text-sm", TONES[tone], className);
}

/** A boxed message in a tone. No role of its own: pass `role="alert"` or `role="status"` as meant. */
export function Alert({
  tone = "info",
  className,
  ...props
}: React.ComponentProps<"div"> & { tone?: AlertTone }) {
  return <div className={alertClassName(tone, className)} {...props} />;
}
