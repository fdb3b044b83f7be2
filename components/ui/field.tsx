export function Label({ className = "", ...props }: React.ComponentProps<"label">) {
  return <label className={`mb-1 block text-sm font-medium ${className}`} {...props} />;
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
      {message}
    </p>
  );
}

export function Hint({ className = "", ...props }: React.ComponentProps<"p">) {
  return <p className={`mt-1 text-xs text-zinc-600 dark:text-zinc-400 ${className}`} {...props} />;
}
