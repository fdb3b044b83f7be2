import "server-only";
import { signedOut, type ActionResult } from "@/lib/actions/result";
import { getSession, type SessionData } from "@/lib/session/session";

/** Every authenticated server action starts here: no session, no call. */
export function withSession<A extends unknown[], T>(
  action: (session: SessionData, ...args: A) => Promise<ActionResult<T>>,
) {
  return async (...args: A): Promise<ActionResult<T>> => {
    const session = await getSession();
    if (!session) return signedOut;
    return action(session, ...args);
  };
}
