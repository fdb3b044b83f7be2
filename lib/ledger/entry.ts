import { decodeToken } from "@/lib/token/decode";
import type { IssueTokenRequest } from "@/lib/scope/request";
import type { SessionData } from "@/lib/session/session";
import { fingerprintOf, type NewLedgerEntry } from "@/lib/store/ledger";

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/**
 * The ledger entry for a token just issued: who asked, what was asked for, and what the token itself
 * says (jti, scope, expiry, generation) — read from its claims, since the token is not kept.
 */
export function ledgerEntryFor(
  session: Pick<SessionData, "user" | "platform">,
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
    user: session.user,
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
