import crypto from "node:crypto";

/**
 * The security headers of every response the console serves — set by the server (lib/server/main.ts)
 * on everything it hands to Next.js (pages, route handlers, static files) and on the few answers it
 * gives itself. Pages also get a per-request nonce Content-Security-Policy (`withPageCsp`), the one
 * header that cannot be static.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  // Nothing is sent to other sites; same-origin (not no-referrer) keeps the Origin header of a plain
  // form post made before hydration, which server actions check (no-referrer made it `null`).
  "Referrer-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

/** A Content-Security-Policy whose scripts must carry `nonce` (development also needs eval). */
function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Files and JSON routes: no document, so no policy (and no prefetch, whose nonce would go unused). */
const NO_DOCUMENT = /^\/(?:_next\/static\/|_next\/image|favicon\.ico|icon\.svg|api\/)/;

/**
 * Gives a request that may render a page its own nonce policy, before Next.js handles it: Next.js puts
 * the nonce of the request's CSP header on every script it renders, and the response carries the same
 * policy. Set by the server in front of Next.js rather than in Next.js middleware, so no request pays
 * for a middleware layer that would only set this header.
 */
export function withPageCsp(
  req: { url?: string; headers: Record<string, string | string[] | undefined> },
  res: { setHeader(name: string, value: string): unknown },
  dev: boolean,
) {
  const url = req.url ?? "/";
  if (NO_DOCUMENT.test(url)) return;
  if (req.headers["next-router-prefetch"] !== undefined || req.headers.purpose === "prefetch")
    return;
  // A server action called from a page answers with data, never a document.
  if (req.headers["next-action"] !== undefined) return;
  const csp = contentSecurityPolicy(crypto.randomBytes(16).toString("base64"), dev);
  req.headers["content-security-policy"] = csp;
  res.setHeader("Content-Security-Policy", csp);
}
