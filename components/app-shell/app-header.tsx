import Link from "next/link";
import { NavLinks } from "@/components/app-shell/nav-links";

export type HeaderUser = { name: string; scoped: boolean; team?: boolean; admin?: boolean } | null;

export function AppHeader({ user, signOut }: { user: HeaderUser; signOut?: React.ReactNode }) {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="font-semibold tracking-tight">
          DCE Token Console
        </Link>
        <NavLinks admin={user?.admin ?? false} />
        <div className="ml-auto flex items-center gap-3 text-sm">
          {user ? (
            <>
              <span>
                Signed in as {user.team ? "team " : null}
                <strong data-testid="signed-in-user">{user.name}</strong>
              </span>
              {signOut}
            </>
          ) : (
            <Link href="/sign-in" className="underline-offset-4 hover:underline">
              Sign in
            </Link>
          )}
        </div>
      </div>
      {user?.scoped ? (
        <p
          role="note"
          className="bg-amber-50 px-4 py-2 text-center text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          Your access key is itself scoped: tokens you issue cannot reach beyond it.
        </p>
      ) : null}
    </header>
  );
}
