import "server-only";
import type { ActionResult } from "@/lib/actions/result";
import type { StoreDb } from "@/lib/store/store-db";
import { claimSubmission, completeSubmission, releaseSubmission } from "@/lib/store/guards";

/**
 * The one check of a form's submission id and the claim that makes it act once, on whichever replica
 * it lands: the claim key to complete or release later, or the answer to return at once (a malformed
 * id, or a submission already sent).
 */
export async function claimFormSubmission(
  db: StoreDb,
  sessionId: string,
  action: string,
  submissionId: unknown,
  staleAfterMs: number,
  alreadySent: string,
): Promise<{ claim: string } | { refused: ActionResult<never> }> {
  if (typeof submissionId !== "string" || !/^[\w-]{8,64}$/.test(submissionId))
    return {
      refused: {
        ok: false,
        error: "The request was malformed. Reload the page and try again.",
        code: 400,
      },
    };
  const claim = `${sessionId}:${action}:${submissionId}`;
  if (!(await claimSubmission(db, claim, staleAfterMs)))
    return { refused: { ok: false, error: alreadySent, code: 409 } };
  return { claim };
}

/**
 * Ends a claim: given back when sending the submission again may act (the platform could not be
 * reached, so it may not have), else done for good.
 */
export async function settleClaim(db: StoreDb, claim: string, sendAgain: boolean) {
  if (sendAgain) await releaseSubmission(db, claim);
  else await completeSubmission(db, claim);
}
