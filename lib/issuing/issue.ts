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
import { recordIssued, type LedgerEntry, type NewLedgerEntry } from "@/lib/ledger/store";
import type { StoreDb } from "@/lib/store/store-db";
import type { PolicySubject } from "@/lib/policy/policy";
import type { IssuedAccessKeyResult, IssuedTokenResult } from "./results";

/**
 * What issuing a token and creating an access key share, in order: the policy, then this form
 * submission's claim (at most one credential per submission on whichever replica it lands), then the
 * platform call under that claim. A refusal or failure at any step is the action's answer.
 */
async function admit(
  db: StoreDb,
  session: SessionData,
  subject: PolicySubject,
  submission: { id: unknown; action: string; alreadySent: string },
): Promise<{ claim: string } | { refused: ActionResult<never> }> {
  const refused = await policyRefusal(db, subject);
  if (refused) return { refused };
  // A claim whose replica died mid-request may be retried once the platform call would have timed out.
  return claimFormSubmission(
    db,
    session.id,
    submission.action,
    submission.id,
    getConfig().PLATFORM_TIMEOUT_MS * 2 + 5_000,
    submission.alreadySent,
  );
}

/**
 * Runs the platform call under `claim`. A management failure settles the claim (given back when the
 * platform could not be reached, so sending again may act) and becomes the answer `failure` makes of
 * it; anything else is thrown.
 */
async function callUnderClaim<T>(
  db: StoreDb,
  claim: string,
  call: () => Promise<T>,
  failure: (error: ManagementError) => ActionResult<never>,
): Promise<{ answer: T } | { refused: ActionResult<never> }> {
  try {
    return { answer: await call() };
  } catch (error) {
    if (!(error instanceof ManagementError)) throw error;
    await settleClaim(db, claim, error.retryable);
    return { refused: failure(error) };
  }
}

/** An answer without the credential: the claim is done (the platform acted) and the action says so. */
async function withoutCredential(db: StoreDb, claim: string, what: string) {
  await completeSubmission(db, claim);
  return { ok: false as const, error: `The platform answered without ${what}.`, code: 502 };
}

/** The ledger entry, written under the claim; a wildcard scope's reach is resolved after the response. */
async function recordEntry(
  db: StoreDb,
  session: SessionData,
  entry: NewLedgerEntry,
  claim: string,
) {
  const recorded = await recordIssued(db, entry, claim);
  if (reachesByWildcard(recorded.issuedScope)) after(() => recordWildcardReach(session, recorded));
  return recorded;
}

/**
 * Issues a Direct Cluster Endpoint Token with the signed-in user's own access key. The token goes to
 * the browser in this response only; it is never logged or kept. What was issued (a fingerprint, never
 * the token) is in the ledger before the response leaves.
 */
export async function issueTokenFor(
  session: SessionData,
  input: unknown,
  submissionId: unknown,
): Promise<ActionResult<IssuedTokenResult>> {
  const parsed = validate(IssueTokenRequest, input);
  if (!parsed.ok) return invalidInput(parsed.causes, "the token can be issued");
  const { db } = await getStore();
  const admitted = await admit(db, session, subjectOfTokenRequest(parsed.data), {
    id: submissionId,
    action: "issue",
    alreadySent: "This request was already sent; no second token was issued.",
  });
  if ("refused" in admitted) return admitted.refused;
  const { claim } = admitted;
  const called = await callUnderClaim(
    db,
    claim,
    () => createToken(session.accessKey, parsed.data.spec),
    (error) => fromManagementError(error, formFieldErrors),
  );
  if ("refused" in called) return called.refused;
  const token = called.answer.status?.token;
  if (!token) return withoutCredential(db, claim, "a token");
  const entry = await recordEntry(db, session, ledgerEntryFor(session, parsed.data, token), claim);
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
 * that principal, from the builder's scope. As a token is issued: re-validated here, at most one key
 * per form submission, the secret in this response only (never logged or kept), and its ledger entry
 * (a fingerprint, never the key) written before the response leaves.
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
  const admitted = await admit(db, session, subjectOfAccessKeyRequest(request), {
    id: submissionId,
    action: "accesskey",
    alreadySent: "This request was already sent; no second access key was created.",
  });
  if ("refused" in admitted) return admitted.refused;
  const { claim } = admitted;
  const object = ownedAccessKeyObject(request.spec, session.principal);
  const called = await callUnderClaim(
    db,
    claim,
    () => createOwnedAccessKey(session.accessKey, { metadata: object.metadata, spec: object.spec }),
    accessKeyFailure,
  );
  if ("refused" in called) return called.refused;
  const created = called.answer;
  const key = created.spec?.key;
  const name = created.metadata?.name;
  if (typeof key !== "string" || !key || !name)
    return withoutCredential(db, claim, "the new access key");
  // Only what may be shown and kept: the answer's spec without its secret.
  const { key: _secret, ...spec } = created.spec ?? {};
  const facts = { metadata: created.metadata, spec };
  const entry = await recordEntry(
    db,
    session,
    accessKeyLedgerEntryFor(session, request, facts, key),
    claim,
  );
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
