import "server-only";
import { statusBody, type Status } from "@/lib/local-platform/status";
import { ManagementError } from "@/lib/management/errors";
import type { StatusCause } from "@/lib/scope/causes";
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

/** 429 with Retry-After (`retryAfter` seconds, also in the Status's details). */
export function tooManyRequests(retryAfter: number, message: string) {
  return statusResponse(
    429,
    "TooManyRequests",
    message,
    {},
    {
      details: { retryAfterSeconds: retryAfter },
      headers: { "retry-after": String(retryAfter) },
    },
  );
}

/** 422 naming the first three causes; every cause is in the Status's details. */
export function invalidResponse(what: string, causes: StatusCause[]) {
  const named = causes
    .slice(0, 3)
    .map((c) => `${c.field || "body"}: ${c.message}`)
    .join("; ");
  return statusResponse(
    422,
    "Invalid",
    `The ${what} is invalid: ${named}`,
    {},
    { details: { causes } },
  );
}

/**
 * A request body as text, read only up to `maxBytes`: undefined when it is longer, in which case
 * reading stops there (or, with a larger Content-Length declared, never starts), so a client
 * streaming without end costs the server at most the limit.
 */
export async function readBodyText(
  request: Request,
  maxBytes: number,
): Promise<string | undefined> {
  if (Number(request.headers.get("content-length")) > maxBytes) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString("utf8");
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}

/**
 * A JSON route's body, read within `maxBytes`: 415 unless it is sent as application/json, 413 when
 * larger, 400 when it is not JSON. `what` names it in those answers ("the scope", "the question").
 */
export async function readJsonBody(
  request: Request,
  what: string,
  maxBytes: number,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const refuse = (code: number, reason: string, message: string) => ({
    ok: false as const,
    response: statusResponse(code, reason, message),
  });
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json"))
    return refuse(415, "UnsupportedMediaType", `Send the ${what} as application/json.`);
  const text = await readBodyText(request, maxBytes);
  if (text === undefined) return refuse(413, "RequestEntityTooLarge", `The ${what} is too large.`);
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return refuse(400, "BadRequest", "The body is not JSON.");
  }
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
