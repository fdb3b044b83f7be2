import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getConfig, managementBaseUrl } from "@/lib/config";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { Principal } from "@/lib/session/principal";
import { getStore } from "@/lib/store";
import {
  ABSOLUTE_MS,
  createSession,
  endSession,
  endPrincipalSessions,
  readSession,
} from "@/lib/store/sessions";

/** What sign-in learnt about the key, kept with the session in the console store. */
export interface SessionProfile {
  displayName?: string;
  subject?: string;
  projectNamespacePrefix: string;
  /** The key's own scope as read from `selves` (fields this console does not know set aside). */
  accessKeyScope?: AccessKeyScope;
  /** Fields of the key's scope this console does not understand (shown beside its limits). */
  accessKeyScopeNotUnderstood?: string[];
  /** When the signed-in key itself expires (seconds), when the platform says. */
  accessKeyExpires?: number;
  /** The signed-in key's own name (`Self.status.accessKey`), to mark it among the user's keys. */
  accessKeyName?: string;
}

/**
 * A signed-in session. The access key lives only here, on the server: encrypted in the store, the
 * cookie carries a random id and nothing else.
 */
export interface SessionData extends SessionProfile {
  /** The store's id for this session (not the cookie value). */
  id: string;
  accessKey: string;
  /** Who the key belongs to: a user or a team. Every record of the session's is keyed by it. */
  principal: Principal;
  /** The management API this session signed in to. */
  platform: string;
  createdAt: number;
}

/**
 * Served over https (PUBLIC_URL / COOKIE_SECURE), the cookie is Secure with the __Host- prefix
 * (Path=/, no Domain). Configuration decides, never a request header a client could forge.
 */
function cookieSettings() {
  const secure = getConfig().secureCookies;
  return { name: secure ? "__Host-dce_session" : "dce_session", secure };
}

const ALL_NAMES = ["__Host-dce_session", "dce_session"];

const currentPlatform = () => managementBaseUrl(getConfig());

/**
 * The signed-in session, or null. Idle and absolute limits are the store's to enforce; a cookie whose
 * session was signed out (here or on any replica) finds nothing. Safe in server components, where one
 * request reads the store once however many layouts and pages ask (React's `cache`).
 */
export const getSession = cache(async (): Promise<SessionData | null> => {
  const { name } = cookieSettings();
  const jar = await cookies();
  const value = jar.get(name)?.value;
  if (!value) return null;
  const store = await getStore();
  const stored = await readSession<SessionProfile>(store.db, store.ring, value);
  if (!stored || stored.platform !== currentPlatform()) return null;
  return {
    ...stored.profile,
    id: stored.id,
    accessKey: stored.accessKey,
    principal: stored.principal,
    platform: stored.platform,
    createdAt: stored.createdAt,
  };
});

/**
 * Starts a session and sets its cookie (route handlers and server actions only). The session this
 * browser presented, if any, ends with it: a second sign-in leaves no earlier session alive.
 */
export async function startSession(
  principal: Principal,
  accessKey: string,
  profile: SessionProfile,
): Promise<void> {
  const store = await getStore();
  const { name, secure } = cookieSettings();
  const jar = await cookies();
  const { cookieValue } = await createSession(store.db, store.ring, {
    principal,
    platform: currentPlatform(),
    profile,
    accessKey,
    replacing: ALL_NAMES.flatMap((n) => jar.get(n)?.value ?? []),
  });
  jar.set(name, cookieValue, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: ABSOLUTE_MS / 1000,
  });
}

async function clearCookies(): Promise<void> {
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

/** Ends this browser's session for good, and its cookie under both names. */
export async function endCurrentSession(): Promise<void> {
  const session = await getSession();
  if (session) await endSession((await getStore()).db, session.id);
  await clearCookies();
}

/** Ends every session of the signed-in principal on this platform, this one included. */
export async function endAllSessions(): Promise<number> {
  const session = await getSession();
  const ended = session
    ? await endPrincipalSessions((await getStore()).db, session.principal, session.platform)
    : 0;
  await clearCookies();
  return ended;
}
