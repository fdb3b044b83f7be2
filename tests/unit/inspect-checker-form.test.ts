import { describe, expect, it } from "vitest";
import {
  describeRequest,
  EMPTY_CHECKER,
  toAccessRequest,
} from "@/app/(dashboard)/tokens/inspect/checker-form";

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
    if (parsed.ok) {
      expect(describeRequest(parsed.request)).toBe(
        "get pods/log on virtual cluster dev-vcluster of project default",
      );
    }
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
