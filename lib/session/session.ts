import "server-only";
import { cookies, headers } from "next/headers";
import { ABSOLUTE_SECONDS, IDLE_SECONDS, seal, unseal, type SessionData } from "@/lib/session/seal";
import { sessionKey } from "@/lib/session/secret";

/** Over https the cookie takes the __Host- prefix (Secure, Path=/, no Domain). */
async function cookieSettings() {
  const h = await headers();
  const secure = h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  return { name: secure ? "__Host-dce_session" : "dce_session", secure };
}

const ALL_NAMES = ["__Host-dce_session", "dce_session"];

/** The signed-in session, or null. Safe in server components, route handlers and actions. */
export async function getSession(): Promise<SessionData | null> {
  const { name } = await cookieSettings();
  const jar = await cookies();
  return unseal(jar.get(name)?.value, sessionKey());
}

/** Writes the session cookie (route handlers and server actions only). */
export async function writeSession(data: SessionData): Promise<void> {
  const { name, secure } = await cookieSettings();
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

export async function clearSession(): Promise<void> {
  const { secure } = await cookieSettings();
  const jar = await cookies();
  for (const name of ALL_NAMES) {
    if (!jar.get(name)) continue;
    if (name.startsWith("__Host-") && !secure) continue;
    jar.set(name, "", {
      httpOnly: true,
      sameSite: "lax",
      secure: name.startsWith("__Host-") || secure,
      path: "/",
      maxAge: 0,
    });
  }
}
