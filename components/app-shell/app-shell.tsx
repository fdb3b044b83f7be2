import { AppHeader } from "@/components/app-shell/app-header";
import { SignOutButton, type SignOutActions } from "@/components/app-shell/sign-out-button";
import { isConsoleAdmin } from "@/lib/admin/admins";
import { getConfig } from "@/lib/config";
import { getSession } from "@/lib/session/session";

/** The signed-in pages' frame: skip link, header (with "Admin" for console admins) and main. */
export async function AppShell({
  children,
  signOut,
}: {
  children: React.ReactNode;
  signOut: SignOutActions;
}) {
  const session = await getSession();
  const user = session
    ? {
        name: session.displayName ?? session.principal.name,
        scoped: Boolean(session.accessKeyScope),
        team: session.principal.kind === "Team",
        admin: isConsoleAdmin(session.principal, getConfig()),
      }
    : null;
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        Skip to content
      </a>
      <AppHeader user={user} signOut={<SignOutButton {...signOut} />} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
