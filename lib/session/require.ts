import "server-only";
import { redirect } from "next/navigation";
import { getSession } from "@/lib/session/session";

/** For pages: the session, or a redirect to sign-in that comes back here. */
export async function requireSession(returnTo: string) {
  const session = await getSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return session;
}
