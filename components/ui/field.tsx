import { cn } from "@/lib/cn";

export function Label({ className, ...props }: React.ComponentProps<"label">) {
  return <label className={cn("mb-1 block text-sm font-medium", className)} {...props} />;
}

/**
 * A field's error, shown only while there is one. It is announced (`role="alert"`) unless `announce`
 * is false, for forms that announce their errors together in a status line of their own.
 */
export function FieldError({
  message,
  announce = true,
  className,
  ...props
}: Omit<React.ComponentProps<"p">, "children" | "role"> & {
  message?: React.ReactNode;
  announce?: boolean;
}) {
  if (!message) return null;
  return (
    <p
      role={announce ? "alert" : undefined}
      className={cn("mt-1 text-sm text-red-700 dark:text-red-400", className)}
      {...props}
    >
      {message}
    </p>
  );
}

export function Hint({ className, ...props }: React.ComponentProps<"p">) {
  return (
    <p className={cn("mt-1 text-xs text-zinc-600 dark:text-zinc-400", className)} {...props} />
  );
}
