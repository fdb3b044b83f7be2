import { signedOut, type ActionResult } from "@/lib/actions/result";

/**
 * What a person is told when the platform refuses or fails a change to one of their keys, by the
 * Kubernetes status code, with the platform's own message where it helps.
 */

export type KeyChange = "disable" | "enable" | "delete";

/** The failure as the management client reports it (ManagementError or its JSON). */
export interface PlatformFailure {
  code: number;
  message: string;
  retryable?: boolean;
}

const VERB: Record<KeyChange, string> = { disable: "disable", enable: "enable", delete: "delete" };

export function keyChangeFailure(
  change: KeyChange,
  key: string,
  error: PlatformFailure,
): ActionResult<never> {
  const base = { ok: false as const, code: error.code, retryable: error.retryable };
  switch (error.code) {
    case 401:
      return signedOut;
    case 403:
      return {
        ...base,
        error: `The platform did not let your key ${VERB[change]} access key ${key}. Nothing was changed. The platform said: ${error.message}`,
      };
    case 404:
      return {
        ...base,
        error: `Access key ${key} was already deleted. The list has been reloaded.`,
      };
    case 409:
      return {
        ...base,
        error: `Access key ${key} changed meanwhile, so nothing was changed. Reload the page to see it as it is now, then try again.`,
      };
  }
  if (error.retryable)
    return {
      ...base,
      error: `The platform did not confirm the change to access key ${key}: ${error.message}. It may or may not have been applied. Reload the page to see, then try again.`,
    };
  return {
    ...base,
    error: `The platform refused to ${VERB[change]} access key ${key}: ${error.message}`,
  };
}

/** The key is not among the signed-in principal's own (an admin's key can read everyone's). */
export const notYours = (key: string): ActionResult<never> => ({
  ok: false,
  code: 404,
  error: `Access key ${key} is not one of your keys, so it was left alone. This page changes only your own keys.`,
});

/** What the page says when the list itself was refused. */
export function listFailureText(error: PlatformFailure): string {
  if (error.code === 401)
    return "The platform no longer accepts the access key you signed in with (it may have been disabled, deleted or expired). Sign in again.";
  if (error.code === 403)
    return `The platform did not let your key list access keys: ${error.message}. Keys scoped without the right to read them, and older platforms, refuse this request.`;
  if (error.code === 404)
    return `This platform does not serve this request: ${error.message}. Older platforms have no ownedaccesskeys resource.`;
  return error.retryable
    ? `The platform could not be asked: ${error.message}. Try again later.`
    : `The platform refused: ${error.message}`;
}
