import { describe, expect, it } from "vitest";
import { fromManagementError } from "@/lib/actions/result";
import { ManagementError } from "@/lib/management/errors";
import { validate } from "@/lib/scope/causes";
import { formFieldErrors, formFieldOf } from "@/lib/scope/form-fields";
import { EMPTY_SCOPE_MESSAGE, IssueTokenRequest } from "@/lib/scope/request";

describe("formFieldOf: request and API paths → the scope builder's field names", () => {
  it.each([
    ["note", "note"],
    ["spec.ttl", "ttlMode"],
    ["spec.scope", "projects"],
    ["spec.scope.projects", "projects"],
    ["spec.scope.projects[0]", "projects.0"],
    ["spec.scope.spaces[0].project", "spaces.0.project"],
    ["spec.scope.virtualClusters[12].virtualCluster", "virtualClusters.12.virtualCluster"],
    ["spec.scope.clusters[3].cluster", "clusters.3.cluster"],
    ["spec.scope.roles[1].role", "roles.1.role"],
    ["spec.scope.roles[1].projects[2]", "roles.1.projects.2"],
    ["spec.scope.rules[0].resources[1].resourceNames", "rules.0.resources.1.resourceNames"],
    ["spec.scope.rules[2].virtualClusters[0].namespace", "rules.2.virtualClusters.0.namespace"],
    ["spec.scope.rules[0].nonResourceURLs[1]", "rules.0.nonResourceURLs.1"],
    ["spec.scope.allowLoftCli", "allowLoftCli"],
    ["unrestricted", "access"],
  ])("%s → %s", (path, field) => {
    expect(formFieldOf(path)).toBe(field);
  });

  it.each([
    "",
    "spec",
    "spec.ttl.x",
    "unrestricted.x",
    "metadata.name",
    "kind",
    "note.x",
    "spec.scope.groups",
    "spec.scope.spaces[0].name",
    "spec.scope.spaces.project",
    "spec.scope.projects[x]",
    "spec.scope.rules[0].verbs[0].x",
    "spec..scope",
    "spec.scope.constructor",
  ])("%j → root (the form-level error)", (path) => {
    expect(formFieldOf(path)).toBe("root");
  });

  it("reads zod's path segments the same way", () => {
    expect(formFieldOf(["spec", "scope", "spaces", 0, "project"])).toBe("spaces.0.project");
    expect(formFieldOf(["spec", "ttl"])).toBe("ttlMode");
    expect(formFieldOf([])).toBe("root");
    expect(formFieldOf(["spec", Symbol("x")])).toBe("root");
  });
});

describe("formFieldErrors: what the issue action returns as fieldErrors", () => {
  const fieldErrorsOf = (input: unknown) => {
    const parsed = validate(IssueTokenRequest, input);
    if (parsed.ok) throw new Error("expected causes");
    // As the action does: the message without the Kubernetes "Invalid value: " prefix.
    return formFieldErrors(
      parsed.causes.map((c) => ({ ...c, message: c.message.replace(/^Invalid value: /, "") })),
    );
  };

  it("keys the action's validation causes by form field, nested indices included", () => {
    expect(
      fieldErrorsOf({
        unrestricted: false,
        spec: {
          ttl: 0,
          scope: {
            spaces: [
              { project: "demo", space: "dev" },
              { project: "Demo", space: "dev" },
            ],
            rules: [{ resources: [{ group: "", resourceNames: ["x"] }] }],
            clusters: [{ cluster: "east" }, { cluster: "east" }],
          },
        },
        note: "x".repeat(600),
      }),
    ).toEqual({
      ttlMode: "must be greater than 0",
      "spaces.1.project": expect.stringMatching(/^must be a lowercase DNS label/),
      "rules.0.resources.0.resourceNames": "may only be set together with resources",
      "clusters.1": "This cluster is already in the list",
      note: "Keep the note under 500 characters",
    });
  });

  it("an empty scope at Projects; unknown and form-less fields at root, with their path", () => {
    expect(fieldErrorsOf({ unrestricted: false, spec: { scope: {} } })).toEqual({
      projects: EMPTY_SCOPE_MESSAGE,
    });
    expect(
      fieldErrorsOf({
        unrestricted: "yes",
        spec: { scope: { projects: [{ project: "a" }], groups: [] } },
      }),
    ).toEqual({
      access: "must be true or false",
      root: 'spec.scope.groups: unknown field "spec.scope.groups"',
    });
  });

  it("keeps the first message per field, skips causes without one", () => {
    expect(
      formFieldErrors([
        { field: "spec.ttl", message: "first" },
        { field: "spec.ttl", message: "second" },
        { field: "spec.scope.projects[0].project" },
        { message: "no field" },
      ]),
    ).toEqual({ ttlMode: "first", root: "no field" });
    expect(formFieldErrors([])).toBeUndefined();
  });

  it("leaves out of root what the error above the form already says", () => {
    expect(
      formFieldErrors(
        [{ field: "metadata.name", message: "Invalid value: x" }],
        'Token "x" is invalid: metadata.name: Invalid value: x',
      ),
    ).toBeUndefined();
  });
});

describe("fromManagementError: a platform refusal as an action result", () => {
  const invalid = new ManagementError(
    'directclusterendpointtokens.management.loft.sh "" is invalid: spec.ttl: Invalid value: 8640000: must be at most 7776000 seconds',
    422,
    "Invalid",
    [
      {
        field: "spec.ttl",
        reason: "FieldValueInvalid",
        message: "Invalid value: 8640000: must be at most 7776000 seconds",
      },
      { field: "spec.scope.spaces[1].space", message: "Invalid value: nope" },
      { field: "spec.scope.secret", message: "not known here" },
    ],
  );

  it("keys the platform's causes by form field; one the form has no field for goes to root", () => {
    expect(fromManagementError(invalid, formFieldErrors)).toEqual({
      ok: false,
      error: invalid.message,
      fieldErrors: {
        ttlMode: "Invalid value: 8640000: must be at most 7776000 seconds",
        "spaces.1.space": "Invalid value: nope",
        root: "spec.scope.secret: not known here",
      },
      retryable: false,
      code: 422,
    });
  });

  it("without a mapping there are no field errors; 401 signs out; 403 says not allowed", () => {
    expect(fromManagementError(invalid)).toMatchObject({ ok: false, fieldErrors: undefined });
    expect(fromManagementError(new ManagementError("expired", 401, "Unauthorized"))).toMatchObject({
      signedOut: true,
    });
    expect(
      fromManagementError(new ManagementError('not a member of project "b"', 403, "Forbidden")),
    ).toMatchObject({ error: 'Not allowed: not a member of project "b"', fieldErrors: undefined });
  });
});
