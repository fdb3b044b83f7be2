import "server-only";
import { ManagementError, type SerializedManagementError } from "@/lib/management/errors";
import { listOwnedAccessKeys } from "@/lib/management/access-keys";
import { readAllPages } from "@/lib/management/lists";
import { whoAmI } from "@/lib/management/resources";
import type { SessionData } from "@/lib/session/session";
import { activityTracked } from "./expiry";
import { ownedBy } from "./filter";
import { byNewest, toKeyView, type AccessKeyView } from "./view";

/** The request the page names when the list is refused. */
export const LIST_REQUEST = "GET /kubernetes/management/apis/management.loft.sh/v1/ownedaccesskeys";

export type OwnKeys =
  | {
      state: "listed";
      keys: AccessKeyView[];
      /** Whether the platform reports last use (lib/access-keys/expiry.ts `activityTracked`). */
      activityTracked: boolean;
      /** More pages than the console reads (200 × 500 keys). */
      truncated: boolean;
      /** The name of the key this session signed in with, when known. */
      currentName?: string;
      /** When the list was read (ms): the page's "now" until the browser takes over. */
      readAt: number;
    }
  | { state: "refused"; request: string; error: SerializedManagementError };

/**
 * The name of the key this session signed in with: recorded at sign-in, else (a session from before
 * that was recorded) asked of the platform, which reports it in `Self.status.accessKey`.
 */
export async function currentKeyName(session: SessionData): Promise<string | undefined> {
  if (session.accessKeyName) return session.accessKeyName;
  try {
    return (await whoAmI(session.accessKey)).status?.accessKey || undefined;
  } catch (error) {
    if (error instanceof ManagementError) return undefined;
    throw error;
  }
}

/**
 * Every page of the signed-in principal's keys, read with their own key and kept to the keys they
 * own (an admin's key lists everyone's), as views without any secret, newest first.
 */
export async function readOwnAccessKeys(session: SessionData): Promise<OwnKeys> {
  try {
    const [listed, currentName] = await Promise.all([
      readAllPages((q) => listOwnedAccessKeys(session.accessKey, q)),
      currentKeyName(session),
    ]);
    const keys = listed.items
      .filter((k) => ownedBy(k.spec, session.principal))
      .map((k) => toKeyView(k, currentName))
      .sort(byNewest);
    return {
      state: "listed",
      keys,
      activityTracked: activityTracked(keys, currentName),
      truncated: listed.truncated,
      currentName,
      readAt: Date.now(),
    };
  } catch (error) {
    if (!(error instanceof ManagementError)) throw error;
    return { state: "refused", request: LIST_REQUEST, error: error.toJSON() };
  }
}
