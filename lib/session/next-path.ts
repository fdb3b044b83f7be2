/**
 * The only judge of where a visitor goes after signing in (`next` on the sign-in page and in the
 * sign-in action): a path on this console's own origin, decided by URL parsing, never by string
 * prefixes. Anything else — another origin, a scheme, `//host`, a backslash or a control character
 * in any encoding (browsers read `/\evil.example` as `//evil.example`, and strip tabs and newlines
 * from URLs) — goes to the builder.
 */
export const DEFAULT_NEXT_PATH = "/tokens/new";

const BASE = new URL("http://console.invalid");
// Backslash, C0 controls, DEL, and the C1 controls / separators browsers may strip or fold.
const FORBIDDEN = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Every percent-decoding of `value` (as layers of encoding a browser or proxy might undo). */
function decodings(value: string): string[] {
  const out = [value];
  let current = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    out.push(next);
    current = next;
  }
  return out;
}

export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) {
    return DEFAULT_NEXT_PATH;
  }
  if (decodings(value).some((v) => FORBIDDEN.test(v) || v.startsWith("//"))) {
    return DEFAULT_NEXT_PATH;
  }
  if (!value.startsWith("/")) return DEFAULT_NEXT_PATH;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return DEFAULT_NEXT_PATH;
  }
  if (url.origin !== BASE.origin) return DEFAULT_NEXT_PATH;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Normalisation may produce `//x` from `/.//x`: a protocol-relative URL when redirected to.
  if (path.startsWith("//") || decodings(path).some((v) => v.startsWith("//"))) {
    return DEFAULT_NEXT_PATH;
  }
  return path;
}
