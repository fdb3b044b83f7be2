const TONES = {
  error:
    "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  warning:
    "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  info: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
  success:
    "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
} as const;

export function Alert({
  tone = "info",
  className = "",
  ...props
}: React.ComponentProps<"div"> & { tone?: keyof typeof TONES }) {
  return (
    <div className={`rounded-md border px-3 py-2 text-sm ${TONES[tone]} ${className}`} {...props} />
  );
}
