import { describe, expect, it } from "vitest";
import { tokenFormResolver } from "@/components/scope-builder/form-resolver";
import { defaultsWithinPolicy, presetsWithin } from "@/lib/policy/builder";
import { manifestViolations, readCheckRequest } from "@/lib/policy/check";
import { describePolicyChange } from "@/lib/policy/describe";
import { policyViolations } from "@/lib/policy/evaluate";
import { maxTtlFor } from "@/lib/policy/lifetime";
import type { PolicySubject } from "@/lib/policy/policy";
import { formOfPolicy, policyOfForm } from "@/lib/policy/form";
import { OPEN_POLICY, type IssuancePolicy } from "@/lib/policy/policy";
import { durationText, EMPTY_FORM, type TokenFormValues } from "@/lib/scope/form";

const policy = (p: Partial<IssuancePolicy>): IssuancePolicy => ({ ...OPEN_POLICY, ...p });
const DAY = 86_400;
const token = (p: Partial<PolicySubject>): PolicySubject => ({
  credential: "token",
  unrestricted: false,
  ttl: DAY,
  scope: { projects: [{ project: "default" }] },
  note: "ci",
  ...p,
});

describe("the policy evaluator", () => {
  it("lets everything through under the open policy", () => {
    expect(
      policyViolations(
        OPEN_POLICY,
        token({ unrestricted: true, scope: undefined, ttl: undefined, note: "" }),
      ),
    ).toEqual([]);
  });

  it("refuses a lifetime beyond the kind's maximum at spec.ttl, and allows it exactly", () => {
    const p = policy({ maxTtl: { token: DAY, accessKey: 7 * DAY } });
    expect(policyViolations(p, token({ ttl: DAY }))).toEqual([]);
    const [v] = policyViolations(p, token({ ttl: DAY + 1 }));
    expect(v).toEqual({
      field: "spec.ttl",
      message: "The console's policy allows tokens at most 1 day; 1 day is longer",
    });
    // The access key maximum is its own.
    expect(policyViolations(p, token({ credential: "accesskey", ttl: 7 * DAY }))).toEqual([]);
    expect(policyViolations(p, token({ credential: "accesskey", ttl: 8 * DAY }))[0]?.field).toBe(
      "spec.ttl",
    );
  });

  it("asks a key without expiry, or a token left to the platform's default, for a lifetime", () => {
    const p = policy({ maxTtl: { token: DAY, accessKey: DAY } });
    expect(
      policyViolations(p, token({ credential: "accesskey", ttl: undefined }))[0]?.message,
    ).toMatch(/choose a time to live, not No expiry/);
    expect(policyViolations(p, token({ ttl: undefined }))[0]?.message).toMatch(
      /set a time to live/,
    );
  });

  it("applies a project's limit when the scope names it, through any list, or reaches it by *", () => {
    const p = policy({ projectMaxTtl: [{ project: "prod", maxTtl: 3600 }] });
    expect(policyViolations(p, token({ scope: { projects: [{ project: "dev" }] } }))).toEqual([]);
    for (const scope of [
      { projects: [{ project: "prod" }] },
      { spaces: [{ project: "prod", space: "a" }] },
      { virtualClusters: [{ project: "prod", virtualCluster: "a" }] },
      { roles: [{ role: "loft-cli", projects: ["prod"] }] },
      { projects: [{ project: "*" }] },
    ])
      expect(policyViolations(p, token({ scope }))[0]?.message, JSON.stringify(scope)).toMatch(
        /project prod.* at most 1 h/,
      );
    expect(policyViolations(p, token({ unrestricted: true, scope: undefined })).length).toBe(1);
    // The shortest limit wins, and says where it comes from.
    const both = policy({
      maxTtl: { token: 2 * 3600, accessKey: null },
      projectMaxTtl: [{ project: "prod", maxTtl: 3600 }],
    });
    expect(maxTtlFor(both, token({ scope: { projects: [{ project: "prod" }] } }))?.seconds).toBe(
      3600,
    );
    expect(maxTtlFor(both, token({}))?.seconds).toBe(7200);
  });

  it("forbids unrestricted credentials at `unrestricted`, which a manifest reports at spec.scope", () => {
    const p = policy({ forbidUnrestricted: true });
    const found = policyViolations(p, token({ unrestricted: true, scope: undefined }));
    expect(found.map((v) => v.field)).toEqual(["unrestricted"]);
    expect(manifestViolations(found).map((v) => v.field)).toEqual(["spec.scope"]);
  });

  it("names every wildcard entry, roles' projects included", () => {
    const p = policy({ forbidWildcards: true });
    const scope = {
      projects: [{ project: "a" }, { project: "*" }],
      spaces: [{ project: "a", space: "*" }],
      virtualClusters: [{ project: "a", virtualCluster: "*" }],
      clusters: [{ cluster: "*" }],
      roles: [{ role: "loft-cli", projects: ["a", "*"] }],
    };
    expect(policyViolations(p, token({ scope })).map((v) => v.field)).toEqual([
      "spec.scope.projects[1].project",
      "spec.scope.spaces[0].space",
      "spec.scope.virtualClusters[0].virtualCluster",
      "spec.scope.clusters[0].cluster",
      "spec.scope.roles[0].projects[1]",
    ]);
  });

  it("allows only the listed roles, allowLoftCli standing for loft-cli", () => {
    const p = policy({ allowedRoles: ["vcluster"] });
    const scope = { roles: [{ role: "vcluster" }, { role: "loft-cli" }], allowLoftCli: true };
    expect(policyViolations(p, token({ scope })).map((v) => v.field)).toEqual([
      "spec.scope.roles[1].role",
      "spec.scope.allowLoftCli",
    ]);
    expect(
      policyViolations(
        policy({ allowedRoles: ["loft-cli"] }),
        token({ scope: { allowLoftCli: true } }),
      ),
    ).toEqual([]);
  });

  it("requires a note that is more than spaces", () => {
    const p = policy({ requireNote: true });
    for (const note of [undefined, null, "", "   "])
      expect(policyViolations(p, token({ note })).map((v) => v.field)).toEqual(["note"]);
    expect(policyViolations(p, token({ note: "deploys" }))).toEqual([]);
  });
});

describe("the policy form", () => {
  it("writes lifetimes in the builder's duration syntax and reads them back", () => {
    expect([DAY, 90_000, 3600, 45, 14 * DAY, 7 * DAY + 3600].map(durationText)).toEqual([
      "1d",
      "1d 1h",
      "1h",
      "45s",
      "2w",
      "7d 1h",
    ]);
    const p = policy({
      maxTtl: { token: DAY, accessKey: 30 * DAY },
      projectMaxTtl: [{ project: "prod", maxTtl: 3600 }],
      requireNote: true,
      allowedRoles: ["loft-cli", "vcluster"],
    });
    expect(policyOfForm(formOfPolicy(p))).toEqual({ ok: true, policy: p });
    expect(policyOfForm(formOfPolicy(OPEN_POLICY))).toEqual({ ok: true, policy: OPEN_POLICY });
  });

  it("names each problem at its field", () => {
    const result = policyOfForm({
      ...formOfPolicy(OPEN_POLICY),
      maxTokenTtl: "soon",
      projectLimits: [
        { project: "prod", maxTtl: "1h" },
        { project: "prod", maxTtl: "" },
        { project: "Not A Label", maxTtl: "1d" },
      ],
      allowedRoles: "loft-cli, bad role!",
    });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.fieldErrors).sort()).toEqual([
      "allowedRoles",
      "maxTokenTtl",
      "projectLimits.1.maxTtl",
      "projectLimits.1.project",
      "projectLimits.2.project",
    ]);
  });

  it("says what a change changed", () => {
    expect(
      describePolicyChange(
        null,
        policy({ maxTtl: { token: DAY, accessKey: null }, requireNote: true }),
      ),
    ).toEqual(["Maximum token lifetime: no limit → 1 day", "Require a note: off → on"]);
  });
});

describe("the builder under a policy", () => {
  const values = (v: Partial<TokenFormValues>): TokenFormValues => ({
    ...EMPTY_FORM,
    projects: [{ project: "default" }],
    ...v,
  });
  const resolve = (v: TokenFormValues, p: IssuancePolicy) =>
    tokenFormResolver(v, p, { fields: {}, shouldUseNativeValidation: false });

  it("offers no preset beyond the limit and starts within it", () => {
    expect(presetsWithin(DAY).map((p) => p.label)).toEqual(["1 hour", "8 hours", "1 day"]);
    expect(presetsWithin(undefined)).toHaveLength(5);
    const p = policy({ maxTtl: { token: 4 * 3600, accessKey: 90 } });
    expect(defaultsWithinPolicy(values({}), p)).toMatchObject({
      ttlMode: "preset",
      ttlPreset: 3600,
    });
    expect(defaultsWithinPolicy(values({ credential: "accesskey" }), p)).toMatchObject({
      ttlMode: "duration",
      ttlDuration: "1m 30s",
    });
  });

  it("shows a violation at the form's field before anything is sent", async () => {
    const p = policy({ maxTtl: { token: DAY, accessKey: null }, requireNote: true });
    const refused = await resolve(values({ ttlPreset: 7 * DAY }), p);
    expect(refused.values).toEqual({});
    expect(refused.errors.ttlMode?.message).toMatch(/at most 1 day/);
    expect(refused.errors.note?.message).toMatch(/requires a note/);
    const kept = await resolve(values({ note: "ci" }), p);
    expect(kept.errors).toEqual({});
  });

  it("shows a wildcard violation at its entry, as a list the list fields read", async () => {
    const refused = await resolve(
      values({ projects: [{ project: "default" }, { project: "*" }] }),
      policy({ forbidWildcards: true }),
    );
    expect(Array.isArray(refused.errors.projects)).toBe(true);
    expect(refused.errors.projects?.[1]?.project?.message).toMatch(/forbids wildcards/);
  });
});

describe("the CI check's input", () => {
  const manifest = (m: Record<string, unknown>) =>
    JSON.stringify({
      apiVersion: "management.loft.sh/v1",
      kind: "DirectClusterEndpointToken",
      ...m,
    });

  it("reads a token or an access key manifest, JSON or YAML, bare or with a note", () => {
    expect(
      readCheckRequest(manifest({ spec: { ttl: 60, scope: { projects: [{ project: "a" }] } } })),
    ).toEqual({
      ok: true,
      subject: {
        credential: "token",
        unrestricted: false,
        ttl: 60,
        scope: { projects: [{ project: "a" }] },
        note: undefined,
      },
    });
    const yaml =
      "apiVersion: management.loft.sh/v1\nkind: OwnedAccessKey\nspec:\n  displayName: ci\n";
    expect(readCheckRequest(yaml)).toMatchObject({
      ok: true,
      subject: { credential: "accesskey", unrestricted: true, ttl: undefined },
    });
    expect(readCheckRequest(JSON.stringify({ manifest: yaml, note: "deploys" }))).toMatchObject({
      ok: true,
      subject: { credential: "accesskey", note: "deploys" },
    });
  });

  it("refuses what it cannot check, naming the field", () => {
    expect(readCheckRequest("")).toMatchObject({ ok: false, code: 400 });
    expect(readCheckRequest("{not yaml: [")).toMatchObject({ ok: false, code: 400 });
    expect(readCheckRequest("x".repeat(300 * 1024))).toMatchObject({ ok: false, code: 413 });
    const bad = readCheckRequest(
      JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        spec: { ttl: -1, scope: { projects: "a" } },
      }),
    );
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.causes?.map((c) => c.field)).toEqual([
      "kind",
      "apiVersion",
      "spec.ttl",
      "spec.scope",
    ]);
  });
});
