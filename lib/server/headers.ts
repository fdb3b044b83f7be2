/**
 * The security headers of every response the console serves — pages, route handlers, static files
 * (next.config.ts) and the few answers the server gives before Next.js (lib/server/main.ts). Pages also
 * get a per-request nonce Content-Security-Policy from proxy.ts, the one header that cannot be static.
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
