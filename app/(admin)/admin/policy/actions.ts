"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/actions/result";
import { withAdmin } from "@/lib/admin/guard";
import { policyOfForm } from "@/lib/policy/form";
import { savePolicy } from "@/lib/policy/store";
import { principalKey } from "@/lib/session/principal";
import { getStore } from "@/lib/store";

/**
 * Saves the issuance policy from the admin Policy page. Re-parsed here (the form's own checks are a
 * convenience); made from the version the admin was shown, so a change saved by someone else in
 * between is never overwritten unseen. The change (who, when, before, after) is kept with it.
 */
export const savePolicyAction = withAdmin(
  async (session, input: unknown, basedOn: unknown): Promise<ActionResult<{ version: number }>> => {
    const parsed = policyOfForm(input);
    if (!parsed.ok)
      return {
        ok: false,
        error: "Some fields need attention before the policy can be saved.",
        fieldErrors: parsed.fieldErrors,
        code: 422,
      };
    if (typeof basedOn !== "number" || !Number.isSafeInteger(basedOn) || basedOn < 0)
      return { ok: false, error: "The form did not say which policy it changes.", code: 400 };
    const { db } = await getStore();
    const outcome = await savePolicy(db, {
      policy: parsed.policy,
      basedOn,
      by: principalKey(session.principal),
    });
    if (!outcome.saved)
      return {
        ok: false,
        error: `Another admin saved the policy (version ${outcome.current}) after you opened it. Your changes are still in the form: reload the page in another tab to see theirs, then save again here.`,
        code: 409,
      };
    revalidatePath("/admin/policy");
    return { ok: true, data: { version: outcome.version } };
  },
);
