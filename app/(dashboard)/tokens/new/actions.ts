"use server";

import { fromManagementError, type ActionResult } from "@/lib/actions/result";
import { ManagementError } from "@/lib/management/errors";
import { createToken } from "@/lib/management/resources";
import { validate } from "@/lib/scope/causes";
import { IssueTokenRequest } from "@/lib/scope/request";
import type { DirectClusterEndpointTokenSpec } from "@/lib/scope/schema";
import { withSession } from "@/lib/session/with-session";

export interface IssuedTokenResult {
  token: string;
  /** The spec that was asked for, to compare with what the token carries. */
  requested: DirectClusterEndpointTokenSpec;
  unrestricted: boolean;
}

/** Submissions already handled, per session, so a repeated submit never issues a second token. */
const handled = new Map<string, number>();
const HANDLED_TTL_MS = 10 * 60_000;

function firstSubmission(key: string): boolean {
  const now = Date.now();
  if (handled.size > 5000)
    for (const [k, at] of handled) if (now - at > HANDLED_TTL_MS) handled.delete(k);
  if (handled.has(key)) return false;
  handled.set(key, now);
  return true;
}

/**
 * Issues a Direct Cluster Endpoint Token with the signed-in user's own access key. The token goes to
 * the browser in this response only; it is never logged or kept.
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
        fieldErrors: Object.fromEntries(
          parsed.causes.map((c) => [c.field, c.message.replace(/^Invalid value: /, "")]),
        ),
        code: 422,
      };
    }
    if (typeof submissionId !== "string" || !/^[\w-]{8,64}$/.test(submissionId))
      return {
        ok: false,
        error: "The request was malformed. Reload the page and try again.",
        code: 400,
      };
    if (!firstSubmission(`${session.user}:${session.iat}:${submissionId}`)) {
      return {
        ok: false,
        error: "This request was already sent; no second token was issued.",
        code: 409,
      };
    }
    try {
      const issued = await createToken(session.accessKey, parsed.data.spec);
      const token = issued.status?.token;
      if (!token) return { ok: false, error: "The platform answered without a token.", code: 502 };
      return {
        ok: true,
        data: { token, requested: parsed.data.spec, unrestricted: parsed.data.unrestricted },
      };
    } catch (error) {
      if (!(error instanceof ManagementError)) throw error;
      if (error.retryable) handled.delete(`${session.user}:${session.iat}:${submissionId}`);
      return fromManagementError(error, (field) => field);
    }
  },
);
