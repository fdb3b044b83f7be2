import { assert, describe, expect, it } from "vitest";
import {
  answerText,
  describeRequest,
  EMPTY_CHECKER,
  toAccessRequest,
} from "@/lib/inspector/checker-form";
import { evaluateAccess } from "@/lib/scope/evaluate";

describe("access checker form", () => {
  it("builds a request with only the fields that are filled, trimmed", () => {
    const parsed = toAccessRequest({
      ...EMPTY_CHECKER,
      project: " default ",
      virtualCluster: "dev-vcluster",
      verb: "get",
      resource: "pods",
      subresource: "log",
    });
    expect(parsed).toEqual({
      ok: true,
      request: {
        target: {
          kind: "ProjectVirtualCluster",
          project: "default",
          virtualCluster: "dev-vcluster",
        },
        verb: "get",
        resource: "pods",
        subresource: "log",
      },
    });
    assert(parsed.ok);
    expect(describeRequest(parsed.request)).toBe(
      "get pods/log on virtual cluster dev-vcluster of project default",
    );
  });

  it("names missing target fields and contradictions", () => {
    expect(toAccessRequest({ ...EMPTY_CHECKER, kind: "ProjectSpace" })).toEqual({
      ok: false,
      errors: { project: "Enter the project.", space: "Enter the space." },
    });
    expect(
      toAccessRequest({
        ...EMPTY_CHECKER,
        kind: "Management",
        resource: "pods",
        nonResourceURL: "/healthz",
      }),
    ).toMatchObject({
      ok: false,
      errors: { nonResourceURL: expect.stringMatching(/either a resource/) },
    });
    expect(
      toAccessRequest({ ...EMPTY_CHECKER, kind: "Cluster", cluster: "c", name: "x" }),
    ).toMatchObject({
      ok: false,
      errors: { resource: expect.stringMatching(/Enter the resource/) },
    });
  });

  it("describes management and non-resource requests", () => {
    const parsed = toAccessRequest({
      ...EMPTY_CHECKER,
      kind: "Management",
      nonResourceURL: "/version",
    });
    expect(parsed.ok && describeRequest(parsed.request)).toBe(
      "a request for /version on the management API",
    );
  });
});

describe("access checker answers", () => {
  const vc = { kind: "ProjectVirtualCluster" as const, project: "demo", virtualCluster: "dev" };

  it("says a role whose behaviour is not public makes it depend on the platform, naming the role", () => {
    const decision = evaluateAccess({ roles: [{ role: "vcluster" }] }, { target: vc, verb: "get" });
    expect(decision.answer).toBe("depends");
    const text = answerText(decision, "a get request on virtual cluster dev of project demo");
    expect(text.heading).toBe("Depends on the platform: role vcluster");
    expect(text.lead).toContain("roles[0] (vcluster)");
  });

  it("names every role it hinges on once", () => {
    const decision = evaluateAccess(
      {
        roles: [{ role: "vcluster" }, { role: "agent" }, { role: "vcluster", projects: ["demo"] }],
      },
      { target: vc },
    );
    expect(answerText(decision, "x").heading).toBe(
      "Depends on the platform: roles vcluster, agent",
    );
  });

  it("keeps Allowed and Denied apart from Depends", () => {
    expect(
      answerText(
        evaluateAccess(
          { clusters: [{ cluster: "*" }] },
          { target: { kind: "Cluster", cluster: "eu" } },
        ),
        "x",
      ).heading,
    ).toBe("Allowed");
    expect(
      answerText(
        evaluateAccess(
          { clusters: [{ cluster: "us" }] },
          { target: { kind: "Cluster", cluster: "eu" } },
        ),
        "x",
      ).heading,
    ).toBe("Denied");
  });
});
