"use server";

import { after } from "next/server";
import { claimFormSubmission } from "@/lib/actions/submission";
import { fromManagementError, type ActionResult } from "@/lib/actions/result";
import { getConfig } from "@/lib/config";
import { ManagementError } from "@/lib/management/errors";
import { createToken } from "@/lib/management/resources";
import { reachesByWildcard, recordWildcardReach } from "@/lib/ledger/reach";
import { validate } from "@/lib/scope/causes";
import { formFieldErrors } from "@/lib/scope/form-fields";
import { IssueTokenRequest } from "@/lib/scope/request";
import type { DirectClusterEndpointTokenSpec } from "@/lib/scope/schema";
import { withSession } from "@/lib/session/with-session";
import { getStore } from "@/lib/store";
import { completeSubmission, releaseSubmission } from "@/lib/store/guards";
import { ledgerEntryFor } from "@/lib/ledger/entry";
import { recordIssued } from "@/lib/store/ledger";

export interface IssuedTokenResult {
  token: string;
  /** The spec that was asked for, to compare with what the token carries. */
  requested: DirectClusterEndpointTokenSpec;
  unrestricted: boolean;
  /** The token's entry in the console's ledger. */
  ledgerId: string;
}

/**
 * Issues a Direct Cluster Endpoint Token with the signed-in user's own access key. The token goes to
 * the browser in this response only; it is never logged or kept. What was issued (a fingerprint, never
 * the token) is in the ledger before the response leaves, and each form submission issues at most one
 * token on whichever replica it lands.
 */
export const issueToken = withSession(
  async (
    session,
    input: unknown,
    submissionId: unknown,
  ): Promise<ActionResult<IssuedTokenResult>> => {
    const parsed = validate(IssueTokenRequest, input);
    if (!parsed.ok) {
      return {
        ok: false,
        error: "Some fields need attention before the token can be issued.",
        fieldErrors: formFieldErrors(
          parsed.causes.map((c) => ({ ...c, message: c.message.replace(/^Invalid value: /, "") })),
        ),
        code: 422,
      };
    }
    const { db } = await getStore();
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
      if (error.retryable) await releaseSubmission(db, claim);
      else await completeSubmission(db, claim);
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
  },
);
