import type { ManagementError } from "@/lib/management/errors";

/** What every server action returns: expected failures are values, not exceptions. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      /** Form field path (as react-hook-form names it) → message. */
      fieldErrors?: Record<string, string>;
      retryable?: boolean;
      signedOut?: boolean;
      code?: number;
    };

export const signedOut = {
  ok: false,
  error: "Your session has ended. Sign in again to continue.",
  signedOut: true,
  code: 401,
} as const;

/** Maps a management API failure onto an action result. `fieldFor` turns an API field path into a form field. */
export function fromManagementError(
  error: ManagementError,
  fieldFor: (apiField: string) => string | undefined = () => undefined,
): ActionResult<never> {
  if (error.code === 401) return signedOut;
  const fieldErrors: Record<string, string> = {};
  for (const cause of error.causes) {
    const field = cause.field ? fieldFor(cause.field) : undefined;
    if (field && cause.message && !fieldErrors[field]) fieldErrors[field] = cause.message;
  }
  return {
    ok: false,
    error: error.code === 403 ? `Not allowed: ${error.message}` : error.message,
    fieldErrors: Object.keys(fieldErrors).length ? fieldErrors : undefined,
    retryable: error.retryable,
    code: error.code,
  };
}
