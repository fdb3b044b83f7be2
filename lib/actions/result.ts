import type { ApiCause, ManagementError } from "@/lib/management/errors";

/**
 * The one shape of a server action's answer, and the failures every action answers alike: the
 * session has ended (`signedOut`), and the management API refused or failed (`fromManagementError`).
 */

/** What every server action returns: expected failures are values, not exceptions. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      /**
       * Form field name (as react-hook-form names it, e.g. `spaces.0.project`) → message, ready for
       * `setError`; `root` for what no field shows. The action keys them (lib/scope/form-fields.ts).
       */
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

/**
 * Maps a management API failure onto an action result. `fieldErrorsOf` keys the Status causes by the
 * form's field names; it is given the Status message, which the user sees anyway.
 */
export function fromManagementError(
  error: ManagementError,
  fieldErrorsOf: (
    causes: readonly ApiCause[],
    message: string,
  ) => Record<string, string> | undefined = () => undefined,
): ActionResult<never> {
  if (error.code === 401) return signedOut;
  return {
    ok: false,
    error: error.code === 403 ? `Not allowed: ${error.message}` : error.message,
    fieldErrors: fieldErrorsOf(error.causes, error.message),
    retryable: error.retryable,
    code: error.code,
  };
}

/** The answer to an action the signed-in principal may not use (a 403 `Status`'s message). */
export const forbiddenResult = (message: string) =>
  ({ ok: false, error: message, code: 403 }) as const;
