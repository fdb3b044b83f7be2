import { API_VERSION } from "@/lib/scope/constants";
import { badRequest } from "../status";
import type { Resource } from "./types";

/** True for a JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A client-sent value inside a message. Never `String(value)`: a parsed object whose `toString` is
 * not a function makes that throw (`{"kind": {"toString": 1}}` would be a 500).
 */
function shown(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

/** 400 unless `body` is a JSON object with this resource's apiVersion and kind. */
export function checkEnvelope(resource: Resource, body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw badRequest("the request body must be a JSON object");
  if (body.apiVersion !== API_VERSION) {
    throw badRequest(
      `the API version in the data (${shown(body.apiVersion)}) does not match the expected API version (${API_VERSION})`,
    );
  }
  if (body.kind !== resource.kind) {
    throw badRequest(
      `the kind in the data (${shown(body.kind)}) does not match the expected kind (${resource.kind})`,
    );
  }
  return body;
}
