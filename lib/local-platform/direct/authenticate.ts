import type { IncomingMessage } from "node:http";
import { explainAccess } from "@/lib/explain/checks";
import type { ExplainFacts } from "@/lib/explain/facts";
import { acceptKey, bearerOf, lookupKey, ownerId, type PrincipalKind } from "../auth";
import { isAdmin } from "../roles";
import type { Platform } from "../resources/types";
import type { ApiObject } from "../store";
import { unauthorized } from "../status";
import { auditUserOf, type AuditRecord } from "./audit-record";
import { isTokenBearer, readToken } from "./token";

/**
 * Who a direct endpoint request speaks for (a user or a team), once its credential passed the
 * authentication checks: a Direct Cluster Endpoint Token or an access key, the same shape either
 * way, with the facts the authorization checks go on to decide with.
 */
export interface DirectPrincipal {
  kind: PrincipalKind;
  /** metadata.name of the User or Team. For messages: identity checks compare `owner`. */
  name: string;
  /** The owner id (auth.ts `ownerId`): the user's name, or `team:<name>`. */
  owner: string;
  object: ApiObject;
  /** Platform admin; never a team. */
  admin: boolean;
  /** The token's `jti`; for an access key, the key's name. */
  jti: string;
  /** The access key's name when the credential is an access key. */
  accessKey?: string;
  facts: Pick<ExplainFacts, "credential" | "owner" | "now">;
}

/** Authentication does not look at the request. */
const ANY_REQUEST = { access: { target: { kind: "Management" as const } } };

/** The authentication checks (lib/explain/checks.ts): a 401 carrying the first that fails. */
function decide(facts: DirectPrincipal["facts"], record: AuditRecord) {
  const decided = explainAccess(facts, ANY_REQUEST, { stage: "authentication" });
  if (decided.verdict === "allowed") return;
  record.decision = "forbid";
  record.reason = decided.evidence[0];
  throw unauthorized(decided.check);
}

function viaToken(platform: Platform, authorization: string, record: AuditRecord) {
  const now = platform.clock();
  const { credential, owner, object } = readToken(platform.store, platform.signer, authorization);
  const claims = credential.claims ?? {};
  const jti = typeof claims.jti === "string" ? claims.jti : "";
  if (credential.signature === "valid") {
    record.credential = "token";
    record.jti = jti || undefined;
    if (owner.kind && owner.name) {
      record.user = auditUserOf(owner.kind, owner.name, object?.metadata.uid, jti);
    }
  }
  const facts = { credential, owner, now };
  decide(facts, record);
  const kind = owner.kind!;
  const found = object!;
  return {
    kind,
    name: found.metadata.name,
    owner: ownerId(kind, found.metadata.name),
    object: found,
    admin: kind === "User" && isAdmin(found),
    jti,
    facts,
  } satisfies DirectPrincipal;
}

function viaKey(platform: Platform, req: IncomingMessage, record: AuditRecord): DirectPrincipal {
  const now = platform.clock();
  const lookup = lookupKey(platform.store, bearerOf(req));
  const { credential, owner } = lookup;
  if (credential.known && credential.name) {
    record.credential = "access-key";
    record.jti = credential.name;
    if (owner.kind && owner.name) {
      const uid = lookup.found?.object.metadata.uid;
      record.user = auditUserOf(owner.kind, owner.name, uid, credential.name, credential.name);
    }
  }
  const facts = { credential, owner, now };
  decide(facts, record);
  const principal = acceptKey(platform.store, lookup.found!, now);
  return { ...principal, jti: principal.accessKey, facts };
}

/**
 * Authenticates a direct endpoint request: a bearer that looks like a JWT (`isTokenBearer`) is a
 * Direct Cluster Endpoint Token of this platform, anything else an access key (auth.ts
 * `lookupKey`, recording its use when let through). What was learnt goes into the audit record.
 */
export function authenticateDirect(
  platform: Platform,
  req: IncomingMessage,
  record: AuditRecord,
): DirectPrincipal {
  const authorization = req.headers.authorization;
  if (isTokenBearer(authorization)) return viaToken(platform, authorization ?? "", record);
  return viaKey(platform, req, record);
}
