"use client";

import { useState } from "react";
import { OwnRights } from "@/components/explain/own-rights";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { evaluateAccess, type AccessRequest } from "@/lib/scope/evaluate";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { DecodedToken } from "@/lib/token/decode";
import { AccessResult } from "./access-result";
import {
  describeRequest,
  EMPTY_CHECKER,
  toAccessRequest,
  type CheckerErrors,
  type CheckerValues,
} from "./checker-form";
import { RequestFields } from "./request-fields";
import { TargetFields } from "./target-fields";

/**
 * "Can this token reach X?" The answer follows the current scope, so pasting another token
 * re-answers the last question. Fields have no names: the form submits nothing anywhere. For a
 * token the signed-in user issued, a second line adds their own rights (asked of the platform with
 * the question only, never the token).
 */
export function AccessChecker({
  scope,
  signedIn,
  projectNamespacePrefix,
  token,
}: {
  scope: AccessKeyScope | undefined;
  signedIn: boolean;
  projectNamespacePrefix: string;
  /** The pasted token (undefined for a pasted scope): whose it is decides the second line. */
  token?: DecodedToken;
}) {
  const [values, setValues] = useState<CheckerValues>(EMPTY_CHECKER);
  const [errors, setErrors] = useState<CheckerErrors>({});
  const [request, setRequest] = useState<AccessRequest>();
  const set = (patch: Partial<CheckerValues>) => setValues((v) => ({ ...v, ...patch }));

  function check(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = toAccessRequest(values);
    setErrors(parsed.ok ? {} : parsed.errors);
    setRequest(parsed.ok ? parsed.request : undefined);
  }

  const decision = request ? evaluateAccess(scope, request, { projectNamespacePrefix }) : undefined;
  const invalid = Object.keys(errors).length > 0;
  return (
    <form onSubmit={check} noValidate className="space-y-4" aria-label="Access checker">
      <TargetFields values={values} errors={errors} set={set} signedIn={signedIn} />
      <RequestFields values={values} errors={errors} set={set} />
      <Button type="submit">Check access</Button>
      <div role="status" aria-live="polite" aria-atomic="true" aria-label="Access check result">
        {decision && request ? (
          <AccessResult decision={decision} request={describeRequest(request)} />
        ) : invalid ? (
          <FieldError
            message="Fix the fields marked above, then check again."
            announce={false}
            className="mt-0"
          />
        ) : null}
      </div>
      {decision && request ? (
        <OwnRights token={token} signedIn={signedIn} request={request} decision={decision} />
      ) : null}
    </form>
  );
}
