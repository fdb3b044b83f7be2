import type { Credential } from "./constants";
import { normalizeScope } from "./manifest";
import type { AccessKeyScope } from "./schema";

/**
 * The scope being built, in the page URL, so a scope can be bookmarked or shared as a template:
 * `p=demo&p=*&s=demo/dev&v=demo/*&c=eu-1&roles=<base64url JSON>&cli=1&ttl=86400&rules=<base64url JSON>`,
 * or `unrestricted=1`
 * for an explicitly unrestricted token, then `credential=accesskey` when an access key is to be
 * issued (absent = a Direct Cluster Endpoint Token). Only scope, TTL and which credential are ever
 * written: never a token or key, nor a key's display name or description.
 * Decoding (url-state-decode.ts, on the server) validates every part with the schema and drops what
 * is invalid instead of throwing; encoding is here, without zod, for the builder in the browser.
 * Measured: decoding merged in here brings zod into /tokens/new's first load, 189.8 → 210.6 KiB
 * gzip, above the 1.5× budget (~198 KiB).
 */

export type ScopeUrlState = {
  /** undefined = explicitly unrestricted (`unrestricted=1`); `{}` = nothing chosen yet. */
  scope?: AccessKeyScope;
  ttl?: number;
  /** Which credential to issue; undefined (and "token") = a Direct Cluster Endpoint Token. */
  credential?: Credential;
};

function encodeValue(value: string): string {
  // Keep `/` readable: it is allowed in a query (RFC 3986) and separates project/name.
  return encodeURIComponent(value).replace(/%2F/gi, "/");
}

/** The query string (without `?`) for `state`. */
export function encodeScopeState(state: ScopeUrlState): string {
  const parts: [string, string][] = [];
  if (state.scope === undefined) {
    parts.push(["unrestricted", "1"]);
  } else {
    const scope = normalizeScope(state.scope);
    for (const p of scope.projects ?? []) parts.push(["p", p.project]);
    for (const s of scope.spaces ?? []) parts.push(["s", `${s.project}/${s.space}`]);
    for (const v of scope.virtualClusters ?? [])
      parts.push(["v", `${v.project}/${v.virtualCluster}`]);
    for (const c of scope.clusters ?? []) parts.push(["c", c.cluster]);
    if (scope.roles?.length) parts.push(["roles", toBase64Url(JSON.stringify(scope.roles))]);
    if (scope.allowLoftCli) parts.push(["cli", "1"]);
    if (scope.rules?.length) parts.push(["rules", toBase64Url(JSON.stringify(scope.rules))]);
  }
  if (state.ttl !== undefined) parts.push(["ttl", String(state.ttl)]);
  if (state.credential === "accesskey") parts.push(["credential", "accesskey"]);
  return parts.map(([k, v]) => `${k}=${encodeValue(v)}`).join("&");
}

export function toBase64Url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(value: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) throw new Error("not base64url");
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}
