import "server-only";
import { signedOut, type ActionResult } from "@/lib/actions/result";
import { claimFormSubmission, settleClaim } from "@/lib/actions/submission";
import { getConfig } from "@/lib/config";
import { raiseOwn } from "@/lib/revocation/own-user";
import type { RaiseOutcome } from "@/lib/revocation/generation";
import type { SessionData } from "@/lib/session/session";
import { getStore } from "@/lib/store";
import { completeSubmission } from "@/lib/store/guards";
import { markRevoked } from "@/lib/ledger/store";
import { ledgerOwnerOf } from "@/lib/ledger/entry";

export interface RevokeAllResult {
  user: string;
  /** The token generation before and after. */
  from: number;
  to: number;
  /** How many active entries of the console's ledger were marked revoked. */
  marked: number;
}

type Failure = Extract<RaiseOutcome, { ok: false }>;

/** What the user is told when the generation was not raised: nothing was marked in every case. */
function failureText(outcome: Failure): string {
  const nothing = "Nothing was revoked and no token was marked.";
  switch (outcome.why) {
    case "team":
      return `You are signed in as team ${outcome.team}. Teams have no token generation on the platform, so their tokens cannot be revoked before they expire. ${nothing}`;
    case "unreadable":
      return `Could not read users/${outcome.user} with your access key, so the current token generation is unknown: ${outcome.error.message}. ${nothing}`;
    case "forbidden":
      return `The platform did not let you change users/${outcome.user} spec.tokenGeneration; ask a platform admin to raise it for you. ${nothing} The platform said: ${outcome.error.message}`;
    case "conflict":
      return `users/${outcome.user} changed twice while its token generation was being raised. ${nothing} Try again.`;
    case "failed":
      return outcome.error.retryable
        ? `The platform did not confirm the change: ${outcome.error.message}. It may or may not have been applied; no token was marked. Try again: raising it once more is harmless.`
        : `The platform refused the change: ${outcome.error.message}. ${nothing}`;
  }
}

/**
 * "Revoke all tokens I issued" (the revoke page's action): reads the signed-in user's `spec.tokenGeneration`, raises it by one
 * (merge patch guarded by resourceVersion; one retry on 409), then marks revoked every active ledger
 * entry issued under a lower generation. A submission id makes a double submit (or a replay on
 * another replica) act once.
 */
export async function revokeAll(
  session: SessionData,
  form: FormData,
): Promise<ActionResult<RevokeAllResult>> {
  const { db } = await getStore();
  // Two reads and two writes at most, each bounded by the platform timeout.
  const claimed = await claimFormSubmission(
    db,
    session.id,
    "revoke",
    form.get("submissionId"),
    getConfig().PLATFORM_TIMEOUT_MS * 4 + 5_000,
    "This request was already sent; it was not sent to the platform a second time.",
  );
  if ("refused" in claimed) return claimed.refused;
  const { claim } = claimed;

  const outcome = await raiseOwn(session.accessKey, session.principal);
  if (!outcome.ok) {
    const error = "error" in outcome ? outcome.error : undefined;
    await settleClaim(db, claim, Boolean(error?.retryable));
    if (error?.code === 401) return signedOut;
    return {
      ok: false,
      error: failureText(outcome),
      retryable: error?.retryable,
      code: error?.code ?? 422,
    };
  }
  const owner = ledgerOwnerOf(session);
  const marked = await markRevoked(db, owner, outcome.to);
  await completeSubmission(db, claim);
  return { ok: true, data: { user: outcome.user, from: outcome.from, to: outcome.to, marked } };
}
