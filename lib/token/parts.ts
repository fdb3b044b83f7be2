import { base64url } from "jose";

/** The three dot-separated parts of a compact JWS, by name (for messages and colour coding). */
export const PART_NAMES = ["header", "payload", "signature"] as const;
export type PartName = (typeof PART_NAMES)[number];

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Why `part` is not base64url (RFC 4648 §5, unpadded), or null when it is. */
export function base64urlProblem(part: string): string | null {
  const bad = part.match(/[^A-Za-z0-9_-]/);
  if (bad) {
    const char = bad[0] === "=" ? "padding '='" : `'${bad[0]}'`;
    return `contains ${char} at position ${(bad.index ?? 0) + 1}, which base64url does not use`;
  }
  if (BASE64URL.test(part) && part.length % 4 === 1) {
    return `has a length (${part.length}) that no base64url encoding can have`;
  }
  return null;
}

export type JsonPart =
  { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/** Decodes a base64url part as a UTF-8 JSON object. */
export function decodeJsonPart(part: string): JsonPart {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(base64url.decode(part));
  } catch {
    return { ok: false, problem: "does not decode to UTF-8 text" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `is not JSON (${(error as Error).message})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problem: `is JSON but not an object (it is ${describeJson(value)})` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return `a ${typeof value}`;
}

/** Trims a pasted token: surrounding quotes, a `Bearer ` prefix and any whitespace or line breaks. */
export function normalizeToken(input: string): string {
  return input
    .trim()
    .replace(/^(["'`])([\s\S]*)\1$/, "$2")
    .replace(/^Bearer\s+/i, "")
    .replace(/\s+/g, "");
}
