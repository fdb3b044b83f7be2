import type { LedgerEntry } from "@/lib/ledger/store";
import type { AccessKeyFacts, OwnerFacts, TokenFacts } from "./facts";
import { issuedLabel, lifetimeOf } from "./issued-options";

/**
 * A credential chosen from Issued tokens, for the explanation: what the ledger recorded when it was
 * issued (jti, owner, generation, scope, expiry). The console keeps no tokens or keys, so what is
 * only in the credential itself — the signature, `nbf`, `aud` — is not known, and the checks that
 * need it say so. Never a secret: the ledger's fingerprint is not part of it either.
 */
export interface RecordedCredential {
  id: string;
  label: string;
  kind: "token" | "accessKey";
  /** An access key's `metadata.name`. */
  name?: string;
  owner: { kind: "User" | "Team"; name: string };
  jti?: string;
  issuedAt: number;
  /** null: no expiry. */
  expiresAt: number | null;
  generation: number;
  /** The scope it was issued with; undefined = unrestricted. */
  scope?: unknown;
  /** When Revoke all or a deletion on Access keys revoked it. */
  revokedAt: number | null;
  /** Its lifetime in seconds, for issuing it again. */
  ttl?: number;
}

/** The ledger entry's recorded facts (server side: the page hands these to the inspector). */
export function recordedCredentialOf(entry: LedgerEntry): RecordedCredential {
  const team = entry.principal.startsWith("team:");
  const ttl = lifetimeOf(entry);
  return {
    id: entry.id,
    label: issuedLabel(entry),
    kind: entry.kind === "accesskey" ? "accessKey" : "token",
    ...(entry.credentialName ? { name: entry.credentialName } : {}),
    owner: { kind: team ? "Team" : "User", name: entry.user },
    ...(entry.tokenId ? { jti: entry.tokenId } : {}),
    issuedAt: entry.issuedAt,
    expiresAt: entry.expiresAt,
    generation: entry.generation,
    ...(entry.issuedScope !== null && entry.issuedScope !== undefined
      ? { scope: entry.issuedScope }
      : {}),
    revokedAt: entry.revokedAt,
    ...(ttl ? { ttl } : {}),
  };
}

export const NOT_RECORDED =
  "The console keeps no tokens, only what it recorded at issue: paste the token itself to check this.";

/** The credential as `explainAccess` reads it: the recorded claims, or the key as recorded. */
export function recordedCredentialFacts(recorded: RecordedCredential): TokenFacts | AccessKeyFacts {
  if (recorded.kind === "accessKey") {
    return {
      kind: "accessKey",
      ...(recorded.name ? { name: recorded.name } : {}),
      // A key deleted on the Access keys page is unknown to the platform; of any other, only it knows.
      ...(recorded.revokedAt !== null ? { known: false } : {}),
      expires: recorded.expiresAt,
      scope: recorded.scope,
    };
  }
  const loft: Record<string, unknown> = { kind: recorded.owner.kind, name: recorded.owner.name };
  if (recorded.owner.kind === "User") loft.gen = recorded.generation;
  if (recorded.scope !== undefined) loft.scope = recorded.scope;
  const claims: Record<string, unknown> = {
    iat: Math.floor(recorded.issuedAt / 1000),
    "loft.sh": loft,
  };
  if (recorded.jti) claims.jti = recorded.jti;
  if (recorded.expiresAt !== null) claims.exp = Math.floor(recorded.expiresAt / 1000);
  return {
    kind: "token",
    claims,
    recorded: true,
    signature: "unknown",
    signatureEvidence: `Chosen from Issued tokens, so the signature is not checked. ${NOT_RECORDED}`,
  };
}

/** The owner as far as the ledger knows: its kind and name (the platform knows the rest). */
export function recordedOwnerFacts(recorded: RecordedCredential): OwnerFacts {
  return { kind: recorded.owner.kind, name: recorded.owner.name };
}
