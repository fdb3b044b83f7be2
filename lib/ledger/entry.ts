import { decodeToken } from "@/lib/token/decode";
import type { IssueTokenRequest } from "@/lib/scope/request";
import { principalKey } from "@/lib/session/principal";
import type { SessionData } from "@/lib/session/session";
import { fingerprintOf, type NewLedgerEntry, type Owner } from "@/lib/store/ledger";

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
