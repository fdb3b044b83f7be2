import type { OwnedAccessKey } from "@/lib/management/access-keys";
import { describeScope } from "@/lib/scope/describe";
import { readScope } from "@/lib/scope/read";
import { encodeScopeState, type ScopeUrlState } from "@/lib/scope/url-state";
import { keyExpiry, readTime, type KeyExpiry } from "./expiry";

/**
 * One access key as the page shows it: the fields a person needs, copied out one by one. Nothing
 * else of the platform's object is kept, so its secret (`spec.key`), a sign-in key's OIDC tokens
 * (`spec.oidcLogin`) or identity data never reach the browser, whatever a platform sends.
 */
export interface AccessKeyView {
  name: string;
  /** `spec.displayName`, else the name. */
  displayName: string;
  description: string | null;
  /** `spec.type` as sent ("" when absent). */
  type: string;
  typeLabel: string;
  scope: { unrestricted: boolean; lines: string[] };
  createdAt: number | null;
  ttl: number | null;
  ttlAfterLastActivity: boolean;
  lastActivity: number | null;
  expiry: KeyExpiry;
  disabled: boolean;
  /** The key this session signed in with. */
  current: boolean;
  /** The builder, pre-filled with this key's scope and lifetime, issuing an access key. */
  reissueHref: string;
}

/** What a change of a key answers with (nothing secret: the browser shows it). */
export interface KeyChanged {
  name: string;
  displayName: string;
  /** The key's state afterwards; absent after a delete. */
  disabled?: boolean;
}

const TYPE_LABELS: Record<string, string> = {
  "": "Not set",
  User: "User (made by a person)",
  Login: "Login (made when signing in)",
  Reset: "Reset (made for a password reset)",
  OIDCRefreshToken: "OIDC refresh token (made when signing in through OIDC)",
  Other: "Other",
  NetworkPeer: "Network peer",
  Workspace: "Workspace",
};

export const typeLabel = (type: string) => TYPE_LABELS[type] ?? type;

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() ? value : null;

const UNRESTRICTED = "Unrestricted: this key can do everything you may do.";
const NOTHING = "Reaches nothing: the key's scope has no entries, so it allows no request at all.";

/** The key's scope in words, one line per entry. */
export function keyScopeWords(raw: unknown): AccessKeyView["scope"] {
  const read = readScope(raw);
  if (read.state === "absent") return { unrestricted: true, lines: [UNRESTRICTED] };
  if (read.state === "invalid")
    return {
      unrestricted: false,
      lines: [`A scope this console cannot read (${read.issues.join("; ")}).`],
    };
  const description = describeScope(read.scope);
  const lines = description.kind === "nothing" ? [NOTHING] : [...description.lines];
  if (read.notUnderstood.length)
    lines.push(
      `Also fields this console does not understand: ${read.notUnderstood.map((n) => n.field).join(", ")}.`,
    );
  return { unrestricted: false, lines };
}

/**
 * The builder link for "Issue again with this scope": the key's scope (an unreadable one becomes an
 * empty scope, never an unrestricted credential) and lifetime, as the builder's URL state, asking for
 * an access key.
 */
export function reissueHref(rawScope: unknown, ttl: number | null): string {
  const read = readScope(rawScope);
  const state: ScopeUrlState = {
    scope: read.state === "absent" ? undefined : read.state === "valid" ? read.scope : {},
    ...(ttl !== null && ttl > 0 ? { ttl } : {}),
  };
  const query = [encodeScopeState(state), "credential=accesskey"].filter(Boolean).join("&");
  return `/tokens/new?${query}`;
}

const seconds = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : null;

/** The view of one key; `currentName` is the name of the key this session signed in with. */
export function toKeyView(key: OwnedAccessKey, currentName: string | undefined): AccessKeyView {
  const spec = key.spec ?? {};
  const name = key.metadata.name;
  const ttl = seconds(spec.ttl);
  const times = {
    createdAt: readTime(key.metadata.creationTimestamp),
    ttl,
    ttlAfterLastActivity: spec.ttlAfterLastActivity === true,
    lastActivity: readTime(key.status?.lastActivity),
  };
  const type = typeof spec.type === "string" ? spec.type : "";
  return {
    name,
    displayName: text(spec.displayName) ?? name,
    description: text(spec.description),
    type,
    typeLabel: typeLabel(type),
    scope: keyScopeWords(spec.scope),
    ...times,
    expiry: keyExpiry(times),
    disabled: spec.disabled === true,
    current: currentName !== undefined && currentName === name,
    reissueHref: reissueHref(spec.scope, ttl),
  };
}

/** Newest first; keys without a creation time last, by name. */
export function byNewest(a: AccessKeyView, b: AccessKeyView): number {
  return (b.createdAt ?? -Infinity) - (a.createdAt ?? -Infinity) || a.name.localeCompare(b.name);
}
