import { describe, expect, it } from "vitest";
import { tokenFormResolver } from "@/components/scope-builder/deferred";
import { EMPTY_FORM, formFromRequest, requestOf, type TokenFormValues } from "@/lib/scope/form";
import {
  EMPTY_SCOPE_MESSAGE,
  IssueTokenRequest,
  type IssueTokenRequest as Request,
} from "@/lib/scope/request";

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);

const requests: [string, Request][] = [
  [
    "one project, a preset TTL",
    { unrestricted: false, spec: { ttl: 3600, scope: { projects: [{ project: "demo" }] } } },
  ],
  [
    "wildcards in every list",
    {
      unrestricted: false,
      spec: {
        ttl: 86_400,
        scope: {
          projects: [{ project: "*" }],
          spaces: [{ project: "demo", space: "*" }],
          virtualClusters: [{ project: "demo", virtualCluster: "*" }],
          clusters: [{ cluster: "*" }],
        },
      },
    },
  ],
  [
    "roles with and without limits, and allowLoftCli",
    {
      unrestricted: false,
      spec: {
        ttl: 7 * 86_400,
        scope: {
          roles: [
            { role: "loft-cli" },
            { role: "vcluster", projects: ["demo", "*"], virtualClusters: ["vc-1"] },
          ],
          allowLoftCli: true,
        },
      },
    },
  ],
  [
    "rules with resources, namespaces, URLs, targets and virtual clusters",
    {
      unrestricted: false,
      spec: {
        ttl: 8 * 3600,
        scope: {
          rules: [
            {
              verbs: ["get", "list"],
              resources: [{ group: "", resources: ["configmaps"], resourceNames: ["app-config"] }],
              namespaces: [""],
              nonResourceURLs: ["/healthz*"],
              requestTargets: ["ProjectVirtualCluster"],
              cluster: "east",
              virtualClusters: [{ name: "vc-1", namespace: "p-demo" }],
            },
            { nonResourceURLs: ["/version"] },
          ],
        },
      },
    },
  ],
  ["unrestricted, a duration that is no preset", { unrestricted: true, spec: { ttl: 5400 } }],
  [
    "a note",
    {
      unrestricted: false,
      spec: { ttl: 30 * 86_400, scope: { spaces: [{ project: "demo", space: "dev" }] } },
      note: "CI deploys to payments",
    },
  ],
];

describe("form ↔ request", () => {
  it.each(requests)("%s: requestOf(formFromRequest(request)) is the request", (_, request) => {
    expect(IssueTokenRequest.safeParse(request).success).toBe(true);
    expect(requestOf(formFromRequest(request), NOW)).toEqual(request);
  });

  it("a preset TTL is shown as that preset, any other as a duration in seconds, none as 1 day", () => {
    expect(formFromRequest({ spec: { ttl: 3600 } })).toMatchObject({
      ttlMode: "preset",
      ttlPreset: 3600,
    });
    expect(formFromRequest({ spec: { ttl: 5400 } })).toMatchObject({
      ttlMode: "duration",
      ttlDuration: "5400",
    });
    expect(formFromRequest({})).toMatchObject({ ttlMode: "preset", ttlPreset: 86_400 });
    expect(requestOf(formFromRequest({}), NOW).spec.ttl).toBe(86_400);
  });

  const scoped: TokenFormValues = { ...EMPTY_FORM, projects: [{ project: "demo" }] };
  it.each<[string, Partial<TokenFormValues>, number | undefined]>([
    ["preset", { ttlMode: "preset", ttlPreset: 8 * 3600 }, 8 * 3600],
    ["duration", { ttlMode: "duration", ttlDuration: " 2d 4h " }, 2 * 86_400 + 4 * 3600],
    ["duration, incomplete", { ttlMode: "duration", ttlDuration: "2x" }, undefined],
    ["expiry", { ttlMode: "expiry", ttlExpiry: new Date(NOW + 90 * 60_000).toISOString() }, 5400],
    ["expiry, not a date", { ttlMode: "expiry", ttlExpiry: "soon" }, undefined],
  ])(
    "TTL as %s: the request's ttl, and back to a form that asks for it again",
    (_, ttl, seconds) => {
      const request = requestOf({ ...scoped, ...ttl }, NOW);
      expect(request.spec.ttl).toBe(seconds);
      if (seconds !== undefined) expect(requestOf(formFromRequest(request), NOW)).toEqual(request);
    },
  );

  it("leaves out empty lists, a blank note and, for an unrestricted token, the scope", () => {
    expect(
      requestOf(
        { ...EMPTY_FORM, access: "unrestricted", projects: [{ project: "x" }], note: "  " },
        NOW,
      ),
    ).toEqual({ unrestricted: true, spec: { ttl: 86_400 } });
    expect(requestOf({ ...EMPTY_FORM, note: " for CI " }, NOW)).toEqual({
      unrestricted: false,
      spec: { ttl: 86_400, scope: {} },
      note: "for CI",
    });
  });
});

/**
 * The form's errors as react-hook-form receives them from the builder's resolver (TokenForm, loaded
 * on demand): field name → message.
 */
async function formErrors(values: TokenFormValues): Promise<Record<string, string>> {
  const result = await tokenFormResolver(values, undefined, {
    fields: {},
    shouldUseNativeValidation: false,
  });
  const out: Record<string, string> = {};
  const walk = (node: unknown, path: string[]) => {
    if (!node || typeof node !== "object") return;
    const { message, type } = node as { message?: unknown; type?: unknown };
    if (typeof message === "string" && typeof type === "string") out[path.join(".")] = message;
    for (const [key, child] of Object.entries(node)) {
      if (key !== "ref" && key !== "message" && key !== "type") walk(child, [...path, key]);
    }
  };
  walk(result.errors, []);
  return out;
}

describe("the form validates by the request's rules", () => {
  const valid: TokenFormValues = { ...EMPTY_FORM, projects: [{ project: "demo" }] };

  it("accepts a valid form", async () => {
    expect(await formErrors(valid)).toEqual({});
  });

  it("an empty scope: the request's one message, at Projects", async () => {
    expect(await formErrors(EMPTY_FORM)).toEqual({ projects: EMPTY_SCOPE_MESSAGE });
    expect(
      IssueTokenRequest.safeParse({ unrestricted: false, spec: { scope: {} } }).error?.issues,
    ).toMatchObject([{ path: ["spec", "scope"], message: EMPTY_SCOPE_MESSAGE }]);
  });

  it("repeated entries, at the repeating entry of each list", async () => {
    const errors = await formErrors({
      ...EMPTY_FORM,
      projects: [{ project: "a" }, { project: "a" }],
      spaces: [
        { project: "a", space: "x" },
        { project: "a", space: "y" },
        { project: "a", space: "x" },
      ],
      virtualClusters: [
        { project: "a", virtualCluster: "*" },
        { project: "a", virtualCluster: "*" },
      ],
      clusters: [{ cluster: "c" }, { cluster: "c" }],
      roles: [
        { role: "vcluster", projects: [] },
        { role: "vcluster", projects: ["a"] },
        { role: "vcluster" },
      ],
    });
    expect(errors).toEqual({
      "projects.1": "This project is already in the list",
      "spaces.2": "This space is already in the list",
      "virtualClusters.1": "This virtual cluster is already in the list",
      "clusters.1": "This cluster is already in the list",
      "roles.2": "This role is already in the list",
    });
  });

  it("an entry's own rules, at its field", async () => {
    expect(
      await formErrors({
        ...valid,
        spaces: [{ project: "Demo", space: "dev" }],
        rules: [{ resources: [{ group: "", resourceNames: ["x"] }] }],
        roles: [{ role: "not a role!" }],
      }),
    ).toEqual({
      "spaces.0.project": expect.stringMatching(/^must be a lowercase DNS label/),
      "rules.0.resources.0.resourceNames": "may only be set together with resources",
      "roles.0.role": "must be a role name such as loft-cli",
    });
  });

  it("scope entries are not checked while an unrestricted token is chosen (they are not sent)", async () => {
    expect(
      await formErrors({
        ...EMPTY_FORM,
        access: "unrestricted",
        projects: [{ project: "a" }, { project: "a" }],
      }),
    ).toEqual({});
  });

  it("the note's length", async () => {
    expect(await formErrors({ ...valid, note: "x".repeat(501) })).toEqual({
      note: "Keep the note under 500 characters",
    });
    expect(await formErrors({ ...valid, note: ` ${"x".repeat(500)} ` })).toEqual({});
  });

  it("how the TTL was typed, at its input; its value, at ttlMode", async () => {
    const duration = (ttlDuration: string) =>
      formErrors({ ...valid, ttlMode: "duration", ttlDuration });
    expect(await duration("")).toEqual({ ttlDuration: "Enter a duration such as 12h, 3d or 90m" });
    expect(await duration("12 hours")).toEqual({
      ttlDuration: "Use numbers with s, m, h, d or w, such as 12h, 3d 4h or 90m",
    });
    expect(await duration("0m")).toEqual({ ttlMode: "must be greater than 0" });
    expect(await duration("99999999999999999999")).toEqual({ ttlMode: "is too large" });
    expect(await duration("9".repeat(400))).toEqual({ ttlMode: "is too large" });
    const expiry = (ttlExpiry: string) => formErrors({ ...valid, ttlMode: "expiry", ttlExpiry });
    expect(await expiry("")).toEqual({
      ttlExpiry: "Choose the date and time the token should expire",
    });
    expect(await expiry("not a date")).toEqual({ ttlExpiry: "Not a valid date and time" });
    expect(await expiry(new Date(Date.now() + 30_000).toISOString())).toEqual({
      ttlExpiry: "Must be at least a minute in the future",
    });
  });
});
