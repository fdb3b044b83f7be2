import { describe, expect, it } from "vitest";
import {
  canIQuestion,
  CanIRequest,
  combineAccess,
  requestOfQuestion,
  type OwnerAnswer,
} from "@/lib/explain/owner-answer";
import type { AccessDecision, AccessRequest } from "@/lib/scope/evaluate";
import { validate } from "@/lib/scope/causes";

/** Scope ∩ own rights: what "With your own rights" answers for each pair. */
const scope: Record<AccessDecision["answer"], AccessDecision> = {
  allowed: { answer: "allowed", allowed: true, reasons: ["projects[0] allows project default"] },
  denied: { answer: "denied", allowed: false, reasons: ["projects[0] is another project"] },
  depends: {
    answer: "depends",
    allowed: false,
    reasons: [],
    dependsOn: ["roles[0] (vcluster)"],
  },
};
const owner: Record<OwnerAnswer["answer"], OwnerAnswer> = {
  allowed: { answer: "allowed" },
  refused: { answer: "refused", reason: 'User "bob" cannot use space dev' },
  depends: { answer: "depends", reason: "the direct endpoint could not be reached" },
};

describe("combineAccess (scope × owner)", () => {
  it("is allowed only when both allow", () => {
    expect(combineAccess(scope.allowed, owner.allowed)).toEqual({ answer: "allowed" });
  });

  it("is refused when either refuses, and says which", () => {
    for (const o of Object.values(owner))
      expect(combineAccess(scope.denied, o)).toMatchObject({ answer: "refused", by: "scope" });
    for (const s of [scope.allowed, scope.depends])
      expect(combineAccess(s, owner.refused)).toEqual({
        answer: "refused",
        by: "owner",
        reason: 'User "bob" cannot use space dev',
      });
  });

  it("depends otherwise, with every reason it depends on", () => {
    expect(combineAccess(scope.allowed, owner.depends)).toEqual({
      answer: "depends",
      reason: "the direct endpoint could not be reached",
    });
    expect(combineAccess(scope.depends, owner.allowed)).toMatchObject({
      answer: "depends",
      reason: expect.stringContaining("roles[0] (vcluster)"),
    });
    const both = combineAccess(scope.depends, owner.depends);
    expect(both.answer).toBe("depends");
    expect(both).toMatchObject({ reason: expect.stringContaining("roles[0] (vcluster)") });
    expect(both).toMatchObject({ reason: expect.stringContaining("could not be reached") });
  });
});

describe("canIQuestion", () => {
  it("turns a checker request into the route's body and back", () => {
    const request: AccessRequest = {
      target: { kind: "ProjectSpace", project: "default", space: "dev" },
      verb: "get",
      apiGroup: "apps",
      resource: "deployments",
      subresource: "scale",
      name: "web",
      namespace: "default",
    };
    const asked = canIQuestion(request);
    expect(asked.ok).toBe(true);
    if (!asked.ok) return;
    expect(validate(CanIRequest, asked.body).ok).toBe(true);
    expect(requestOfQuestion(asked.body)).toEqual(request);
  });

  it("cannot ask about the management API, or a request without a verb", () => {
    expect(canIQuestion({ target: { kind: "Management" }, verb: "get" }).ok).toBe(false);
    expect(canIQuestion({ target: { kind: "Cluster", cluster: "c" } }).ok).toBe(false);
  });
});
