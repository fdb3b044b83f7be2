/**
 * base64url SHA-256 of the trimmed token, computed in the browser with WebCrypto: the same value
 * the console's ledger keeps (lib/ledger/store.ts `fingerprintOf`). Undefined where the browser
 * offers no WebCrypto (a page not served over HTTPS or from localhost).
 */
export async function fingerprintInBrowser(token: string): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token.trim()));
  let binary = "";
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
