import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldErrors, Resolver } from "react-hook-form";
import { policyViolations } from "@/lib/policy/evaluate";
import { OPEN_POLICY, type IssuancePolicy } from "@/lib/policy/policy";
import { subjectOfAccessKeyRequest, subjectOfTokenRequest } from "@/lib/policy/subject";
import { formFieldOf } from "@/lib/scope/form-fields";
import { accessKeyRequestOf, requestOf, type TokenFormValues } from "@/lib/scope/form";
import { TokenForm } from "@/lib/scope/form-schema";

const schemaResolver = zodResolver(TokenForm);

/** The policy's violations of the form's request, at the form's fields (the action says the same). */
function policyErrors(values: TokenFormValues, policy: IssuancePolicy) {
  const subject =
    values.credential === "accesskey"
      ? subjectOfAccessKeyRequest(accessKeyRequestOf(values))
      : subjectOfTokenRequest(requestOf(values));
  return policyViolations(policy, subject).map((v) => ({
    field: formFieldOf(v.field),
    message: v.message,
  }));
}

/**
 * The builder's react-hook-form resolver, loaded after the page (see deferred.ts): TokenForm, then
 * the console's issuance policy (the form's `context`) at the fields where no other problem is shown.
 */
export const tokenFormResolver: Resolver<TokenFormValues, IssuancePolicy | undefined> = async (
  values,
  policy,
  options,
) => {
  const result = await schemaResolver(values, undefined, options);
  const violations = policyErrors(values, policy ?? OPEN_POLICY);
  if (!violations.length) return result;
  const errors: Record<string, unknown> = { ...result.errors };
  for (const { field, message } of violations) {
    // Lists' errors stay arrays, as react-hook-form keeps them (the list fields read them so).
    const path = field.split(".");
    let at = errors;
    path.slice(0, -1).forEach((step, i) => {
      const existing = at[step];
      at[step] = Array.isArray(existing)
        ? [...(existing as unknown[])]
        : typeof existing === "object" && existing !== null
          ? { ...existing }
          : /^\d+$/.test(path[i + 1]!)
            ? []
            : {};
      at = at[step] as Record<string, unknown>;
    });
    at[path.at(-1)!] ??= { type: "policy", message };
  }
  return { values: {}, errors: errors as FieldErrors<TokenFormValues> };
};
