import { decodeToken } from "@/lib/token/decode";
import type { CreateAccessKeyRequest } from "@/lib/scope/access-key-request";
import type { IssueTokenRequest } from "@/lib/scope/request";
import { keyExpiry } from "@/lib/access-keys/expiry";
import { principalKey } from "@/lib/session/principal";
import type { SessionData } from "@/lib/session/session";
import { fingerprintOf, type NewLedgerEntry, type Owner } from "@/lib/ledger/store";

/** The ledger's owner for a session: its principal (kind, name, uid) on its platform. */
export const ledgerOwnerOf = (session: Pick<SessionData, "principal" | "platform">): Owner => ({
  principal: principalKey(session.principal),
  ...(session.principal.uid ? { uid: session.principal.uid } : {}),
  platform: session.platform,
});

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/**
 * The ledger entry for a token just issued: who asked, what was asked for, and what the token itself
 * says (jti, scope, expiry, generation) — read from its claims, since the token is not kept.
 */
export function ledgerEntryFor(
  session: Pick<SessionData, "principal" | "platform">,
  request: IssueTokenRequest,
  token: string,
  now = Date.now(),
): NewLedgerEntry {
  const decoded = decodeToken(token);
  const claims = decoded.ok ? decoded.claims : {};
  const loft = decoded.ok ? decoded.loft : undefined;
  const iat = num(claims.iat);
  const exp = num(claims.exp);
  const gen = Number(loft?.gen ?? 0);
  return {
    principal: principalKey(session.principal),
    principalUid: session.principal.uid ?? null,
    user: session.principal.name,
    platform: session.platform,
    tokenId: typeof claims.jti === "string" ? claims.jti : null,
    fingerprint: fingerprintOf(token),
    requested: request.spec,
    issuedScope: !decoded.ok
      ? (request.spec.scope ?? null)
      : loft?.scope.state === "valid"
        ? loft.scope.scope
        : loft?.scope.state === "invalid"
          ? loft.scope.raw
          : null,
    requestedTtl: request.spec.ttl ?? null,
    issuedAt: iat !== undefined ? iat * 1000 : now,
    expiresAt: exp !== undefined ? exp * 1000 : null,
    generation: Number.isFinite(gen) ? gen : 0,
    note: request.note || null,
  };
}

/** What of a created `OwnedAccessKey` the ledger reads (never `spec.key`). */
export interface CreatedKeyFacts {
  metadata?: { name?: string; creationTimestamp?: string };
  spec?: { ttl?: unknown; ttlAfterLastActivity?: unknown; scope?: unknown };
}

/**
 * When a created key expires (epoch ms), or null: it has no `ttl`, or its lifetime counts from its
 * last use (`ttlAfterLastActivity`), so no date is known at creation. The key's own spec is read
 * first, what was asked for when the platform did not echo it.
 */
export function accessKeyExpiry(
  created: CreatedKeyFacts,
  requested: CreateAccessKeyRequest["spec"],
  issuedAt: number,
): number | null {
  const spec = created.spec;
  const expiry = keyExpiry({
    createdAt: issuedAt,
    ttl: (spec ? num(spec.ttl) : requested.ttl) ?? null,
    ttlAfterLastActivity: spec
      ? spec.ttlAfterLastActivity === true
      : requested.ttlAfterLastActivity === true,
    lastActivity: null,
  });
  // Counted from last use, the moment moves with every use: the ledger keeps none.
  return expiry.kind === "fixed" ? expiry.at : null;
}

/**
 * The ledger entry for an access key just created: who asked, what was asked for (the request's
 * spec, which has no secret), and what the platform's answer says — the key's name, creation time,
 * scope and lifetime. The key itself is kept only as its fingerprint.
 */
export function accessKeyLedgerEntryFor(
  session: Pick<SessionData, "principal" | "platform">,
  request: CreateAccessKeyRequest,
  created: CreatedKeyFacts,
  key: string,
  now = Date.now(),
): NewLedgerEntry {
  const createdAt = Date.parse(created.metadata?.creationTimestamp ?? "");
  const issuedAt = Number.isNaN(createdAt) ? now : createdAt;
  // The scope the key carries: the platform's echo of its spec (absent = unrestricted), else the request's.
  const issuedScope = created.spec ? (created.spec.scope ?? null) : (request.spec.scope ?? null);
  return {
    kind: "accesskey",
    credentialName: created.metadata?.name ?? null,
    principal: principalKey(session.principal),
    principalUid: session.principal.uid ?? null,
    user: session.principal.name,
    platform: session.platform,
    tokenId: null,
    fingerprint: fingerprintOf(key),
    requested: request.spec,
    issuedScope,
    requestedTtl: request.spec.ttl ?? null,
    issuedAt,
    expiresAt: accessKeyExpiry(created, request.spec, issuedAt),
    generation: 0,
    note: request.note || null,
  };
}
