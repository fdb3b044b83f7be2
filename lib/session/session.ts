import "server-only";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import { ABSOLUTE_SECONDS, IDLE_SECONDS, seal, unseal, type SessionData } from "@/lib/session/seal";
import { sessionKey } from "@/lib/session/secret";

/**
 * Served over https (PUBLIC_URL / COOKIE_SECURE), the cookie is Secure with the __Host- prefix
 * (Path=/, no Domain). Configuration decides, never a request header a client could forge.
 */
function cookieSettings() {
  const secure = getConfig().secureCookies;
  return { name: secure ? "__Host-dce_session" : "dce_session", secure };
}

const ALL_NAMES = ["__Host-dce_session", "dce_session"];

/** The signed-in session, or null. Safe in server components, route handlers and actions. */
export async function getSession(): Promise<SessionData | null> {
  const { name } = cookieSettings();
  const jar = await cookies();
  return unseal(jar.get(name)?.value, sessionKey());
}

/** Writes the session cookie (route handlers and server actions only). */
export async function writeSession(data: SessionData): Promise<void> {
  const { name, secure } = cookieSettings();
  const jar = await cookies();
  const now = Math.floor(Date.now() / 1000);
  jar.set(name, await seal(data, sessionKey()), {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: Math.max(0, Math.min(IDLE_SECONDS, data.iat + ABSOLUTE_SECONDS - now)),
  });
}

/** Slides the idle window; called by route handlers and actions on activity. */
export async function touchSession(session: SessionData): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  if (now - session.seen < 60) return;
  await writeSession({ ...session, seen: now });
}

/** Ends the session under both cookie names, whichever port or scheme it was set through. */
export async function clearSession(): Promise<void> {
  const jar = await cookies();
  for (const name of ALL_NAMES) {
    jar.set(name, "", {
      httpOnly: true,
      sameSite: "lax",
      secure: name.startsWith("__Host-"),
      path: "/",
      maxAge: 0,
    });
  }
}
