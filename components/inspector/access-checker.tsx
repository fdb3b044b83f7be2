"use client";

import { useState } from "react";
import { OwnRights } from "@/components/explain/own-rights";
import { TargetExplanation } from "@/components/explain/target-explanation";
import {
  useIssuedByMe,
  type ExplainSetting,
  type ExplainSubject,
} from "@/components/explain/use-subject-facts";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { evaluateAccess, type AccessRequest } from "@/lib/scope/evaluate";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { AccessResult } from "./access-result";
import {
  describeRequest,
  EMPTY_CHECKER,
  toAccessRequest,
  type CheckerErrors,
  type CheckerValues,
} from "@/lib/inspector/checker-form";
import { RequestFields } from "./request-fields";
import { TargetFields } from "./target-fields";

/**
 * "Can this token reach X?" The answer follows the current scope, so pasting another token
 * re-answers the last question. Fields have no names: the form submits nothing anywhere. For a
 * credential the signed-in user issued, a second line adds their own rights (asked of the platform
 * with the question only, never the token); for a credential (not a bare scope), every check a
 * direct endpoint runs follows, in order.
 */
export function AccessChecker({
  scope,
  subject,
  ...setting
}: ExplainSetting & {
  scope: AccessKeyScope | undefined;
  /** The credential (undefined for a pasted scope): whose it is decides the second line. */
  subject?: ExplainSubject;
}) {
  const { signedIn, projectNamespacePrefix } = setting;
  const mine = useIssuedByMe(subject, signedIn);
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
      {decision && request ? <OwnRights mine={mine} request={request} decision={decision} /> : null}
      {decision && request && subject ? (
        <TargetExplanation
          subject={subject}
          request={request}
          decision={decision}
          setting={setting}
        />
      ) : null}
    </form>
  );
}
