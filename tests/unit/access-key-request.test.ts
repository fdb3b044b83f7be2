import { describe, expect, it } from "vitest";
import { tokenFormResolver } from "@/components/scope-builder/deferred";
import {
  CreateAccessKeyRequest,
  LAST_USE_WITHOUT_TTL_MESSAGE,
  NO_TTL_MESSAGE,
  type CreateAccessKeyRequest as Request,
} from "@/lib/scope/access-key-request";
import { validate } from "@/lib/scope/causes";
import { formFieldOf, requestFieldErrors } from "@/lib/scope/form-fields";
import {
  accessKeyRequestOf,
  EMPTY_FORM,
  formFromRequest,
  requestOf,
  type TokenFormValues,
} from "@/lib/scope/form";
import { encodeScopeState } from "@/lib/scope/url-state";
import { decodeScopeState } from "@/lib/scope/url-state-decode";

/**
 * The access key request: the schema the builder's form and the create-access-key action both
 * validate with, the form's values ↔ the request, and the builder's URL carrying the credential.
 */

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const scope = { virtualClusters: [{ project: "default", virtualCluster: "dev" }] };
const valid: Request = {
  unrestricted: false,
  noExpiry: false,
  spec: { displayName: "CI deploys", ttl: 3600, scope },
};

/** Problems of a request as the action reports them: form field → message. */
function problems(input: unknown) {
  const r = validate(CreateAccessKeyRequest, input);
  return r.ok ? {} : requestFieldErrors(r.causes);
}

describe("the access key request schema", () => {
  it("accepts a scoped key with a display name and a lifetime", () => {
    expect(problems(valid)).toEqual({});
  });

  it("a display name is required, and blank is not a name: the error is at Display name", () => {
    for (const displayName of ["", "   "]) {
      const errors = problems({ ...valid, spec: { ...valid.spec, displayName } });
      expect(Object.keys(errors ?? {})).toEqual(["displayName"]);
      expect(errors?.displayName).toMatch(/^Enter a display name/);
    }
    const { displayName: _name, ...unnamed } = valid.spec;
    expect(problems({ ...valid, spec: unnamed })).toEqual({ displayName: "Required value" });
    const r = CreateAccessKeyRequest.safeParse({
      ...valid,
      spec: { ...valid.spec, displayName: "  padded  ", description: "  " },
    });
    expect(r.data?.spec).toMatchObject({ displayName: "padded", description: "" });
  });

  it("counting from the last use without a lifetime is refused at that checkbox, not dropped", () => {
    const errors = problems({
      ...valid,
      noExpiry: true,
      spec: { displayName: "k", ttlAfterLastActivity: true, scope },
    });
    expect(errors).toEqual({ ttlAfterLastActivity: LAST_USE_WITHOUT_TTL_MESSAGE });
    expect(problems({ ...valid, spec: { ...valid.spec, ttlAfterLastActivity: true } })).toEqual({});
  });

  it("no expiry is a choice: a missing lifetime without it is an error at Time to live", () => {
    const { ttl: _ttl, ...noTtl } = valid.spec;
    expect(problems({ ...valid, spec: noTtl })).toEqual({ ttlMode: NO_TTL_MESSAGE });
    expect(problems({ ...valid, noExpiry: true, spec: noTtl })).toEqual({});
    expect(problems({ ...valid, noExpiry: true })).toHaveProperty("ttlMode");
  });

  it("shares the token's scope rules: something named, unrestricted only on purpose", () => {
    expect(problems({ ...valid, spec: { displayName: "k", ttl: 60, scope: {} } })).toEqual({
      projects: expect.stringContaining("or choose an unrestricted access key"),
    });
    expect(problems({ ...valid, unrestricted: true })).toEqual({
      projects: "An unrestricted access key carries no scope",
    });
    expect(problems({ ...valid, unrestricted: true, spec: { displayName: "k", ttl: 60 } })).toEqual(
      {},
    );
  });

  it("refuses more than 64 entries in a scope list, naming the list", () => {
    const many = Array.from({ length: 65 }, (_, i) => ({ project: `p${i}` }));
    expect(problems({ ...valid, spec: { ...valid.spec, scope: { projects: many } } })).toEqual({
      projects: "At most 64 projects entries; this scope has 65.",
    });
    expect(
      problems({ ...valid, spec: { ...valid.spec, scope: { projects: many.slice(0, 64) } } }),
    ).toEqual({});
  });

  it("the owner, type, key and name are not the caller's to send", () => {
    for (const field of ["user", "team", "type", "key"]) {
      const r = validate(CreateAccessKeyRequest, {
        ...valid,
        spec: { ...valid.spec, [field]: "x" },
      });
      expect(r.ok).toBe(false);
    }
  });

  it("platform causes at an access key's fields land on the form's fields", () => {
    expect(formFieldOf("spec.displayName")).toBe("displayName");
    expect(formFieldOf("spec.description")).toBe("description");
    expect(formFieldOf("spec.ttlAfterLastActivity")).toBe("ttlAfterLastActivity");
    expect(formFieldOf("spec.ttl")).toBe("ttlMode");
    expect(formFieldOf("noExpiry")).toBe("ttlMode");
    expect(formFieldOf("metadata.generateName")).toBe("root");
  });
});

describe("form ↔ access key request", () => {
  const requests: [string, Request][] = [
    ["a preset lifetime", valid],
    [
      "a description, a duration counted from the last use, a note",
      {
        unrestricted: false,
        noExpiry: false,
        spec: {
          displayName: "Nightly backup",
          description: "Reads the backup namespace",
          ttl: 5400,
          ttlAfterLastActivity: true,
          scope: { roles: [{ role: "vcluster", projects: ["default"] }], ...scope },
        },
        note: "backups",
      },
    ],
    [
      "unrestricted and without expiry",
      { unrestricted: true, noExpiry: true, spec: { displayName: "Break glass" } },
    ],
  ];

  it.each(requests)("%s: accessKeyRequestOf(formFromRequest(request)) is the request", (_, r) => {
    expect(CreateAccessKeyRequest.safeParse(r).success).toBe(true);
    const form = formFromRequest({ credential: "accesskey", ...r });
    expect(form.credential).toBe("accesskey");
    expect(accessKeyRequestOf(form, NOW)).toEqual(r);
  });

  it("a token form is unchanged by the access key's fields", () => {
    const form: TokenFormValues = {
      ...EMPTY_FORM,
      projects: [{ project: "demo" }],
      displayName: "ignored",
      ttlAfterLastActivity: true,
    };
    expect(requestOf(form, NOW)).toEqual({
      unrestricted: false,
      spec: { ttl: 86_400, scope: { projects: [{ project: "demo" }] } },
    });
  });

  it("the builder's URL keeps the credential: credential=accesskey, absent for a token", () => {
    const form = formFromRequest({ credential: "accesskey", ...valid });
    const query = encodeScopeState({
      scope: scope,
      ttl: 3600,
      credential: form.credential,
    });
    expect(query).toBe("v=default/dev&ttl=3600&credential=accesskey");
    const decoded = decodeScopeState(query);
    expect(decoded).toEqual({ scope, ttl: 3600, credential: "accesskey", dropped: [] });
    // The page's initial form from that URL: an access key with the same scope and lifetime.
    const initial = formFromRequest({
      credential: decoded.credential,
      unrestricted: decoded.scope === undefined,
      spec: { ttl: decoded.ttl, scope: decoded.scope },
    });
    expect(initial).toMatchObject({ credential: "accesskey", ttlMode: "preset", ttlPreset: 3600 });
    expect(accessKeyRequestOf({ ...initial, displayName: "CI deploys" }, NOW)).toEqual(valid);

    expect(encodeScopeState({ scope, ttl: 3600, credential: "token" })).toBe(
      "v=default/dev&ttl=3600",
    );
    expect(decodeScopeState("v=default/dev&credential=token")).toEqual({ scope, dropped: [] });
    expect(decodeScopeState("v=default/dev&credential=password").dropped).toEqual([
      "credential=password: expected accesskey or token",
    ]);
  });
});

/** The builder's resolver errors for form values: field name → message. */
async function formErrors(values: TokenFormValues): Promise<Record<string, string>> {
  const result = await tokenFormResolver(values, undefined, {
    fields: {},
    shouldUseNativeValidation: false,
  });
  return Object.fromEntries(
    Object.entries(result.errors).map(([k, v]) => [k, (v as { message: string }).message]),
  );
}

describe("the builder validates an access key by the same schema", () => {
  const keyForm: TokenFormValues = {
    ...EMPTY_FORM,
    credential: "accesskey",
    virtualClusters: scope.virtualClusters,
  };

  it("an empty display name is an error at Display name, only for an access key", async () => {
    expect(await formErrors(keyForm)).toEqual({
      displayName: expect.stringMatching(/display name/i),
    });
    expect(await formErrors({ ...keyForm, credential: "token" })).toEqual({});
    expect(await formErrors({ ...keyForm, displayName: "CI" })).toEqual({});
  });

  it("No expiry with Count the lifetime from last use: the error is at the checkbox", async () => {
    expect(
      await formErrors({
        ...keyForm,
        displayName: "CI",
        ttlMode: "none",
        ttlAfterLastActivity: true,
      }),
    ).toEqual({ ttlAfterLastActivity: LAST_USE_WITHOUT_TTL_MESSAGE });
    expect(await formErrors({ ...keyForm, displayName: "CI", ttlMode: "none" })).toEqual({});
  });
});
