import type { CreateAccessKeyRequest } from "@/lib/scope/access-key-request";
import type { IssueTokenRequest } from "@/lib/scope/request";
import type { PolicySubject } from "./policy";

/** What the policy judges of a token request (the builder's, the issue action's). */
export const subjectOfTokenRequest = (r: IssueTokenRequest): PolicySubject => ({
  credential: "token",
  unrestricted: r.unrestricted,
  ttl: r.spec.ttl,
  scope: r.spec.scope,
  note: r.note,
});

/** What the policy judges of an access key request: no expiry is no `ttl`. */
export const subjectOfAccessKeyRequest = (r: CreateAccessKeyRequest): PolicySubject => ({
  credential: "accesskey",
  unrestricted: r.unrestricted,
  ttl: r.noExpiry ? undefined : r.spec.ttl,
  scope: r.spec.scope,
  note: r.note,
});
