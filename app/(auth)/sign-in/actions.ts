"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientAddress } from "@/lib/server/client-address";
import { signInWithKey } from "@/lib/session/sign-in";
import type { SignInState } from "@/lib/session/sign-in-state";
import { endAllSessions, endCurrentSession } from "@/lib/session/session";

/**
 * Checks the key with the platform and starts a session (lib/session/sign-in.ts), counted by the
 * sign-in throttle under the client's address.
 */
export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  return signInWithKey(form, clientAddress(await headers()));
}

/** Ends this session for good: the cookie, replayed on any replica, is signed out. */
export async function signOut(): Promise<void> {
  await endCurrentSession();
  redirect("/sign-in");
}

/** Ends every session of the signed-in user on this platform, in every browser. */
export async function signOutEverywhere(): Promise<void> {
  const ended = await endAllSessions();
  redirect(`/sign-in?ended=${ended}`);
}
