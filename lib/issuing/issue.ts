import "server-only";
import { after } from "next/server";
import { accessKeyFailure } from "@/lib/actions/access-key-failure";
import { claimFormSubmission, settleClaim } from "@/lib/actions/submission";
import { fromManagementError, type ActionResult } from "@/lib/actions/result";
import { getConfig } from "@/lib/config";
import { ManagementError } from "@/lib/management/errors";
import { createOwnedAccessKey } from "@/lib/management/access-keys";
import { createToken } from "@/lib/management/resources";
import { reachesByWildcard, recordWildcardReach } from "@/lib/ledger/reach";
import { CreateAccessKeyRequest } from "@/lib/scope/access-key-request";
import { validate, type StatusCause } from "@/lib/scope/causes";
import { formFieldErrors, requestFieldErrors } from "@/lib/scope/form-fields";
import { ownedAccessKeyObject } from "@/lib/scope/manifest";
import { IssueTokenRequest } from "@/lib/scope/request";
import type { SessionData } from "@/lib/session/session";
import { policyRefusal } from "@/lib/policy/enforce";
import { subjectOfAccessKeyRequest, subjectOfTokenRequest } from "@/lib/policy/subject";
import { getStore } from "@/lib/store";
import { completeSubmission } from "@/lib/store/guards";
import { accessKeyLedgerEntryFor, ledgerEntryFor } from "@/lib/ledger/entry";
import { recordIssued, type LedgerEntry } from "@/lib/ledger/store";
import type { IssuedAccessKeyResult, IssuedTokenResult } from "./results";

/**
 * Issues a Direct Cluster Endpoint Token with the signed-in user's own access key. The token goes to
 * the browser in this response only; it is never logged or kept. What was issued (a fingerprint, never
 * the token) is in the ledger before the response leaves, and each form submission issues at most one
 * token on whichever replica it lands.
 */
export async function issueTokenFor(
  session: SessionData,
  input: unknown,
  submissionId: unknown,
): Promise<ActionResult<IssuedTokenResult>> {
  const parsed = validate(IssueTokenRequest, input);
  if (!parsed.ok) return invalidInput(parsed.causes, "the token can be issued");
  const { db } = await getStore();
  const refused = await policyRefusal(db, subjectOfTokenRequest(parsed.data));
  if (refused) return refused;
  // A claim whose replica died mid-request may be retried once the platform call would have timed out.
  const claimed = await claimFormSubmission(
    db,
    session.id,
    "issue",
    submissionId,
    getConfig().PLATFORM_TIMEOUT_MS * 2 + 5_000,
    "This request was already sent; no second token was issued.",
  );
  if ("refused" in claimed) return claimed.refused;
  const { claim } = claimed;
  let token: string | undefined;
  try {
    token = (await createToken(session.accessKey, parsed.data.spec)).status?.token;
  } catch (error) {
    if (!(error instanceof ManagementError)) throw error;
    await settleClaim(db, claim, error.retryable);
    return fromManagementError(error, formFieldErrors);
  }
  if (!token) {
    await completeSubmission(db, claim);
    return { ok: false, error: "The platform answered without a token.", code: 502 };
  }
  const entry = await recordIssued(db, ledgerEntryFor(session, parsed.data, token), claim);
  if (reachesByWildcard(entry.issuedScope)) after(() => recordWildcardReach(session, entry));
  return {
    ok: true,
    data: {
      token,
      requested: parsed.data.spec,
      unrestricted: parsed.data.unrestricted,
      ledgerId: entry.id,
    },
  };
}

/** The 422 for input the schema refused, its problems at the form's fields. */
function invalidInput(causes: StatusCause[], what: string): ActionResult<never> {
  return {
    ok: false,
    error: `Some fields need attention before ${what}.`,
    fieldErrors: requestFieldErrors(causes),
    code: 422,
  };
}

/**
 * Creates an access key (`POST …/ownedaccesskeys`) with the signed-in principal's own key, owned by
 * that principal, from the builder's scope. Like issueToken: re-validated here, at most one key per
 * form submission on whichever replica it lands, the secret in this response only (never logged or
 * kept), and its ledger entry (a fingerprint, never the key) written before the response leaves.
 */
export async function createAccessKeyFor(
  session: SessionData,
  input: unknown,
  submissionId: unknown,
): Promise<ActionResult<IssuedAccessKeyResult>> {
  const parsed = validate(CreateAccessKeyRequest, input);
  if (!parsed.ok) return invalidInput(parsed.causes, "the access key can be created");
  const request = parsed.data;
  const { db } = await getStore();
  const refused = await policyRefusal(db, subjectOfAccessKeyRequest(request));
  if (refused) return refused;
  const claimed = await claimFormSubmission(
    db,
    session.id,
    "accesskey",
    submissionId,
    getConfig().PLATFORM_TIMEOUT_MS * 2 + 5_000,
    "This request was already sent; no second access key was created.",
  );
  if ("refused" in claimed) return claimed.refused;
  const { claim } = claimed;
  const object = ownedAccessKeyObject(request.spec, session.principal);
  let created: Awaited<ReturnType<typeof createOwnedAccessKey>>;
  try {
    created = await createOwnedAccessKey(session.accessKey, {
      metadata: object.metadata,
      spec: object.spec,
    });
  } catch (error) {
    if (!(error instanceof ManagementError)) throw error;
    await settleClaim(db, claim, error.retryable);
    return accessKeyFailure(error);
  }
  const key = created.spec?.key;
  const name = created.metadata?.name;
  if (typeof key !== "string" || !key || !name) {
    await completeSubmission(db, claim);
    return { ok: false, error: "The platform answered without the new access key.", code: 502 };
  }
  // Only what may be shown and kept: the answer's spec without its secret.
  const { key: _secret, ...spec } = created.spec ?? {};
  const facts = { metadata: created.metadata, spec };
  const entry = await recordIssued(
    db,
    accessKeyLedgerEntryFor(session, request, facts, key),
    claim,
  );
  if (reachesByWildcard(entry.issuedScope)) after(() => recordWildcardReach(session, entry));
  return { ok: true, data: keyResultOf(key, name, created.spec && spec, request, entry) };
}

/**
 * The new key as the builder shows it: the platform's answer (`spec`, its secret removed; undefined
 * when it sent none) over what was asked for, and what the ledger recorded.
 */
function keyResultOf(
  key: string,
  name: string,
  spec: Record<string, unknown> | undefined,
  request: CreateAccessKeyRequest,
  entry: LedgerEntry,
): IssuedAccessKeyResult {
  const echoed = spec !== undefined;
  const ttl = !echoed
    ? request.spec.ttl
    : typeof spec.ttl === "number" && spec.ttl > 0
      ? spec.ttl
      : undefined;
  return {
    key,
    name,
    displayName:
      typeof spec?.displayName === "string" ? spec.displayName : request.spec.displayName,
    ...(typeof spec?.description === "string" && spec.description
      ? { description: spec.description }
      : {}),
    ...(ttl !== undefined ? { ttl } : {}),
    ttlAfterLastActivity: echoed
      ? spec.ttlAfterLastActivity === true
      : request.spec.ttlAfterLastActivity === true,
    expiresAt: entry.expiresAt,
    createdAt: entry.issuedAt,
    scope: entry.issuedScope,
    unrestricted: request.unrestricted,
    requested: request.spec,
    ledgerId: entry.id,
  };
}
