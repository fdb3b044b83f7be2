import { API_VERSION, ACCESS_KEY_KIND, TOKEN_KIND } from "@/lib/scope/constants";
import type { LedgerEntry } from "@/lib/ledger/store";

/** A credential you issued, offered to Compare as the manifest of what it carries (never a secret). */
export interface IssuedOption {
  id: string;
  label: string;
  /** JSON: a DirectClusterEndpointToken or OwnedAccessKey manifest of its scope and lifetime. */
  manifest: string;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

/** The lifetime an entry was issued with, in seconds: from its expiry, else what was asked. */
export function lifetimeOf(entry: LedgerEntry): number | undefined {
  if (entry.expiresAt !== null) return Math.round((entry.expiresAt - entry.issuedAt) / 1000);
  return entry.requestedTtl ?? undefined;
}

/** "Token, 2026-12-06 10:00 UTC — note": how a credential you issued is offered for choosing. */
export function issuedLabel(entry: LedgerEntry): string {
  const what =
    entry.kind === "accesskey" ? `Access key ${entry.credentialName ?? ""}`.trim() : "Token";
  return `${what}, ${day(entry.issuedAt)} UTC${entry.note ? ` — ${entry.note}` : ""}`;
}

/** The entry as a manifest Compare reads: its issued scope (none = unrestricted) and lifetime. */
export function issuedOptionOf(entry: LedgerEntry): IssuedOption {
  const ttl = lifetimeOf(entry);
  const scope = entry.issuedScope ?? undefined;
  const key = entry.kind === "accesskey";
  const spec = key
    ? { displayName: entry.credentialName ?? "access key", ...(ttl ? { ttl } : {}), scope }
    : { ...(ttl ? { ttl } : {}), scope };
  return {
    id: entry.id,
    label: issuedLabel(entry),
    manifest: JSON.stringify(
      { apiVersion: API_VERSION, kind: key ? ACCESS_KEY_KIND : TOKEN_KIND, spec },
      null,
      2,
    ),
  };
}
