/**
 * A link to sign in again, back at `next` afterwards: shown beside a message that the session (or
 * the key it was signed in with) is refused.
 */
export function SignInLink({
  next,
  className = "underline",
  children = "Sign in",
}: {
  next: string;
  className?: string;
  children?: React.ReactNode;
}) {
  return (
    <a href={`/sign-in?next=${encodeURIComponent(next)}`} className={className}>
      {children}
    </a>
  );
}
