import "server-only";
import type { ActionResult } from "@/lib/actions/result";
import { requestFieldErrors } from "@/lib/scope/form-fields";
import type { StoreDb } from "@/lib/store/store-db";
import { policyViolations } from "./evaluate";
import type { PolicySubject } from "./policy";
import { readPolicy } from "./store";

/**
 * The issue actions' policy check, before anything reaches the platform: undefined when the request
 * keeps the policy in force, else the 422 whose field errors the builder shows where they belong
 * (the form keeps what was typed).
 */
export async function policyRefusal(
  db: StoreDb,
  subject: PolicySubject,
): Promise<ActionResult<never> | undefined> {
  const { policy } = await readPolicy(db);
  const violations = policyViolations(policy, subject);
  if (!violations.length) return undefined;
  const what = subject.credential === "accesskey" ? "access key" : "token";
  return {
    ok: false,
    error: `The console's issuance policy does not allow this ${what}: ${violations.map((v) => v.message).join("; ")}.`,
    fieldErrors: requestFieldErrors(violations),
    code: 422,
  };
}
