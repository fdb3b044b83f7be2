import "server-only";
import { statusBody, type Status } from "@/lib/local-platform/status";
import { ManagementError } from "@/lib/management/errors";
import { getSession, type SessionData } from "@/lib/session/session";

/**
 * What the dashboard's own JSON routes share: Kubernetes-style Status answers, and
 * `withSessionRoute`, which checks the session itself and answers platform failures as Statuses.
 */

/**
 * A Kubernetes-style Status body for the dashboard's own JSON routes; `details` (causes, retry
 * after) and `headers` (Retry-After) when the answer has them.
 */
export function statusResponse(
  code: number,
  reason: string,
  message: string,
  extra: Record<string, unknown> = {},
  options: { details?: Status["details"]; headers?: Record<string, string> } = {},
) {
  return Response.json(
    { ...statusBody(code, reason, message, options.details), ...extra },
    { status: code, headers: { "cache-control": "no-store", ...options.headers } },
  );
}

/** Route handlers for signed-in reads: checks the session itself and maps platform errors. */
export function withSessionRoute<C>(
  handler: (session: SessionData, request: Request, context: C) => Promise<Response>,
) {
  return async (request: Request, context: C): Promise<Response> => {
    const session = await getSession();
    if (!session) return statusResponse(401, "Unauthorized", "Sign in to continue.");
    try {
      return await handler(session, request, context);
    } catch (error) {
      if (error instanceof ManagementError) {
        return statusResponse(error.code === 401 ? 401 : error.code, error.reason, error.message, {
          retryable: error.retryable,
        });
      }
      console.error("route failed:", error instanceof Error ? error.message : "unknown error");
      return statusResponse(500, "InternalError", "Internal error occurred.");
    }
  };
}
