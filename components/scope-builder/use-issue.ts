"use client";

import { useRef, useState } from "react";
import type { Path, UseFormReturn } from "react-hook-form";
import { preloadViewer } from "@/components/scope-builder/deferred";
import type { ActionResult } from "@/lib/actions/result";
import type { IssuedAccessKeyResult, IssuedTokenResult } from "@/lib/issuing/results";
import { accessKeyRequestOf, requestOf, type TokenFormValues } from "@/lib/scope/form";

export type Failure = { error: string; retryable?: boolean; signedOut?: boolean };

export type Issued =
  | { credential: "token"; result: IssuedTokenResult }
  | { credential: "accesskey"; result: IssuedAccessKeyResult };

function newSubmissionId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
}

/** The builder page's server actions (app/(dashboard)/tokens/new/actions.ts), handed down. */
export interface IssueActions {
  issueToken: (input: unknown, submissionId: unknown) => Promise<ActionResult<IssuedTokenResult>>;
  createAccessKey: (
    input: unknown,
    submissionId: unknown,
  ) => Promise<ActionResult<IssuedAccessKeyResult>>;
}

/** Sends the form's request to the action of the chosen credential. */
async function send(
  actions: IssueActions,
  v: TokenFormValues,
  submissionId: string,
): Promise<ActionResult<Issued>> {
  if (v.credential === "accesskey") {
    const r = await actions.createAccessKey(accessKeyRequestOf(v), submissionId);
    return r.ok ? { ok: true, data: { credential: "accesskey", result: r.data } } : r;
  }
  const r = await actions.issueToken(requestOf(v), submissionId);
  return r.ok ? { ok: true, data: { credential: "token", result: r.data } } : r;
}

/**
 * Issuing from the builder: one request at a time, one submission id per attempt (kept when the
 * server could not be reached, so sending again never issues twice), the server's field errors
 * copied onto the form with `setError`, and everything typed kept on any error.
 */
export function useIssue(form: UseFormReturn<TokenFormValues>, actions: IssueActions) {
  const [issued, setIssued] = useState<Issued | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, setPending] = useState(false);
  const inFlight = useRef(false);
  const submissionId = useRef<string>("");

  const onValid = async (v: TokenFormValues) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    setFailure(null);
    submissionId.current ||= newSubmissionId();
    try {
      const result = await send(actions, v, submissionId.current);
      submissionId.current = "";
      if (result.ok) {
        // Loaded after hydration, so normally at once: the viewer then shows without a fallback.
        await preloadViewer(result.data.credential);
        setIssued(result.data);
        return;
      }
      // Keyed by this form's field names on the server (lib/scope/form-fields.ts), `root` included.
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as Path<TokenFormValues> | "root", { type: "server", message });
      }
      setFailure(result);
    } catch {
      setFailure({
        error: "The dashboard server did not answer. Your choices are kept; try again.",
        retryable: true,
      });
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };

  return { issued, issueAnother: () => setIssued(null), failure, pending, onValid };
}
