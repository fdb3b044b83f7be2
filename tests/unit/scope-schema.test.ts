import { describe, expect, it } from "vitest";
import { validate } from "@/lib/scope/causes";
import { AccessKeyScope, DirectClusterEndpointTokenCreate } from "@/lib/scope/schema";

const body = (spec: unknown) => ({
  apiVersion: "management.loft.sh/v1",
  kind: "DirectClusterEndpointToken",
  metadata: {},
  spec,
});

function causesOf(input: unknown) {
  const result = validate(DirectClusterEndpointTokenCreate, input);
  return result.ok ? [] : result.causes;
}

describe("DirectClusterEndpointTokenCreate", () => {
  it("accepts the reference's object.yaml (creationTimestamp: null, empty spec, a status)", () => {
    expect(
      DirectClusterEndpointTokenCreate.safeParse({
        ...body({}),
        metadata: { creationTimestamp: null },
        status: { token: "x" },
      }).success,
    ).toBe(true);
  });

  it("accepts a full scope with wildcards", () => {
    const scope = {
      allowLoftCli: true,
      projects: [{ project: "*" }, { project: "demo" }],
      spaces: [{ project: "demo", space: "*" }],
      virtualClusters: [{ project: "demo", virtualCluster: "vc-1" }],
      rules: [
        {
          verbs: ["get"],
          resources: [{ group: "", resources: ["pods/*"], resourceNames: ["a"] }],
          namespaces: [""],
          nonResourceURLs: ["/healthz*"],
          requestTargets: ["Cluster"],
          cluster: "loft-cluster",
          virtualClusters: [{ name: "v", namespace: "n" }],
        },
      ],
    };
    expect(AccessKeyScope.parse(scope)).toEqual(scope);
  });

  it.each([
    [body({ ttl: -5 }), "spec.ttl", "FieldValueInvalid"],
    [body({ ttl: 1.5 }), "spec.ttl", "FieldValueInvalid"],
    [body({ ttl: "3600" }), "spec.ttl", "FieldValueInvalid"],
    [
      body({ scope: { spaces: [{ space: "dev" }] } }),
      "spec.scope.spaces[0].project",
      "FieldValueRequired",
    ],
    [
      body({ scope: { virtualClusters: [{ project: "Demo", virtualCluster: "x" }] } }),
      "spec.scope.virtualClusters[0].project",
      "FieldValueInvalid",
    ],
    [
      body({ scope: { projects: [{ project: "no_underscores" }] } }),
      "spec.scope.projects[0].project",
      "FieldValueInvalid",
    ],
    [
      body({ scope: { rules: [{ resources: [{ group: "", resourceNames: ["x"] }] }] } }),
      "spec.scope.rules[0].resources[0].resourceNames",
      "FieldValueInvalid",
    ],
    [
      body({ scope: { rules: [{ nonResourceURLs: ["/api/*/foo"] }] } }),
      "spec.scope.rules[0].nonResourceURLs[0]",
      "FieldValueInvalid",
    ],
    [
      body({ scope: { rules: [{ requestTargets: ["Everything"] }] } }),
      "spec.scope.rules[0].requestTargets[0]",
      "FieldValueNotSupported",
    ],
    [body({ scope: { bogus: true } }), "spec.scope.bogus", "FieldValueNotSupported"],
    [{ ...body({}), apiVersion: "v1" }, "apiVersion", "FieldValueNotSupported"],
  ])("names the field of each problem (%#)", (input, field, reason) => {
    expect(causesOf(input)).toContainEqual(expect.objectContaining({ field, reason }));
  });
});
