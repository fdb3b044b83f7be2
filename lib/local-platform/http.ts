import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApiError, badRequest, bodyTimeout, tooLarge, unsupportedMediaType } from "./status";

const MAX_BODY_BYTES = 1024 * 1024;
/** A request body must arrive within this time: a client trickling it is cut off with a Status. */
export const BODY_TIMEOUT_MS = 10_000;
const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ApiError) {
  const headers: Record<string, string> = {};
  // A body we refused to read must not be parsed as the next request on this connection.
  const code = error.status.code;
  if (code === 408 || code === 413 || code === 415) headers.connection = "close";
  if (error.status.code === 401) headers["www-authenticate"] = 'Bearer realm="loft"';
  const retryAfter = error.status.details?.retryAfterSeconds;
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  sendJson(res, error.status.code, error.status, headers);
}

/** The request's media type, lower-case, without parameters (`""` when none is sent). */
export const mediaTypeOf = (req: IncomingMessage) =>
  (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();

/**
 * Reads a JSON request body: 415 for other media types (`accepted`: the JSON media types this
 * request takes, e.g. the patch types for PATCH), 413 above 1 MiB, 400 when malformed.
 */
export async function readJson(
  req: IncomingMessage,
  accepted: readonly string[] = ["application/json"],
): Promise<unknown> {
  const type = mediaTypeOf(req);
  const declared = Number(req.headers["content-length"] ?? "0");
  const hasBody = declared > 0 || req.headers["transfer-encoding"] !== undefined;
  if (!accepted.includes(type) && (hasBody || type !== "")) {
    req.resume();
    throw unsupportedMediaType(type, accepted);
  }
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw tooLarge(MAX_BODY_BYTES);
  }
  const text = (await readBytes(req)).toString("utf8");
  if (text.trim() === "") throw badRequest("the request body is empty; expected a JSON object");
  return parseJson(text);
}

/** A request body's bytes: 413 above 1 MiB, 408 when it does not arrive within `timeoutMs`. */
export function readBytes(req: IncomingMessage, timeoutMs = BODY_TIMEOUT_MS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const timer = setTimeout(() => {
      if (failed) return;
      failed = true;
      chunks.length = 0;
      reject(bodyTimeout(timeoutMs / 1000));
    }, timeoutMs);
    timer.unref();
    req.on("close", () => clearTimeout(timer));
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge(MAX_BODY_BYTES));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      clearTimeout(timer);
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on("error", () => {
      if (!failed) reject(badRequest("the request body could not be read"));
      failed = true;
    });
  });
}

/** JSON.parse plus guards: no prototype-polluting keys, bounded nesting. */
function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : "invalid JSON";
    throw badRequest(`the request body is not valid JSON: ${why.slice(0, 200)}`);
  }
  checkShape(value);
  return value;
}

/** Throws for a forbidden key or nesting deeper than MAX_DEPTH (bounded recursion: it stops there). */
function checkShape(value: unknown, depth = 0) {
  if (value === null || typeof value !== "object") return;
  if (depth > MAX_DEPTH)
    throw badRequest(`the request body is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) {
    for (const item of value) checkShape(item, depth + 1);
    return;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key))
      throw badRequest(`the request body contains a forbidden key "${key}"`);
    checkShape((value as Record<string, unknown>)[key], depth + 1);
  }
}
