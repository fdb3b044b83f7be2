import "server-only";
import { tooManyRequests } from "@/lib/route-handlers";
import { principalKey } from "@/lib/session/principal";
import type { SessionData } from "@/lib/session/session";
import { getStore } from "@/lib/store";
import {
  acquireResolutionSlot,
  releaseResolutionSlot,
  RESOLUTION_SLOTS,
} from "@/lib/store/resolution-slots";

/**
 * At most RESOLUTION_SLOTS target resolutions per user at a time, across replicas: the targets
 * route, "Compare with now" and the reach recorded after an issue each hold a slot while they list.
 */

/** Whose slots a session's resolutions take: its principal (kind and name) on its platform. */
export const resolutionOwner = (session: Pick<SessionData, "platform" | "principal">) =>
  `${session.platform} ${principalKey(session.principal)}`;

export const RETRY_AFTER_SECONDS = 2;

/** Runs `resolve` in one of the session owner's slots; `busy` (nothing run) when all are held. */
export async function inResolutionSlot<T>(
  session: Pick<SessionData, "platform" | "principal">,
  resolve: () => Promise<T>,
): Promise<{ busy: false; value: T } | { busy: true }> {
  const { db } = await getStore();
  const lease = await acquireResolutionSlot(db, resolutionOwner(session));
  if (!lease) return { busy: true };
  try {
    return { busy: false, value: await resolve() };
  } finally {
    // A lease not given back lapses on its own (RESOLUTION_LEASE_MS); the answer still goes out.
    await releaseResolutionSlot(db, lease).catch((error: unknown) =>
      console.error(
        "could not give a resolution slot back:",
        error instanceof Error ? error.message : error,
      ),
    );
  }
}

/** 429 with Retry-After: the user's slots are all held by listings still running. */
export function busyResponse(): Response {
  return tooManyRequests(
    RETRY_AFTER_SECONDS,
    `You already have ${RESOLUTION_SLOTS} target listings running; try again in a few seconds.`,
  );
}
