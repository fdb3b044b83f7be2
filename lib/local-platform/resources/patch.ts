import { readJson } from "../http";
import { badRequest } from "../status";
import { isObject } from "./envelope";
import type { Ctx } from "./types";

/**
 * The patch media types the local platform applies, both as a JSON merge patch (RFC 7386): for
 * objects without lists of mergeable items (users) a strategic merge patch means the same. JSON
 * patch (`application/json-patch+json`) and server-side apply are 415.
 */
export const PATCH_TYPES = [
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
] as const;

/** Reads a `PATCH` body: one of PATCH_TYPES (else 415), a JSON object (else 400). */
export async function readPatch(ctx: Ctx): Promise<Record<string, unknown>> {
  const patch = await readJson(ctx.req, PATCH_TYPES);
  if (!isObject(patch)) throw badRequest("the patch must be a JSON object");
  return patch;
}

/** RFC 7386 JSON merge patch: objects merge key by key, `null` removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
