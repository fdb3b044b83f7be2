import * as z from "zod/mini";
import { describe, expect, it } from "vitest";
import { tokenFormResolver } from "@/components/scope-builder/deferred";
import { validate } from "@/lib/scope/causes";
import { MAX_SCOPE_ENTRIES } from "@/lib/scope/constants";
import { EMPTY_FORM } from "@/lib/scope/form";
import { ConsoleScope } from "@/lib/scope/limits";
import { IssueTokenRequest } from "@/lib/scope/request";
import { AccessKeyScope, DirectClusterEndpointTokenCreate } from "@/lib/scope/schema";

/**
 * The console takes scopes with at most MAX_SCOPE_ENTRIES entries per list (its form, the issue
 * action, the targets route); the schemas the local platform validates with stay a platform's.
 */
const spaces = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ project: "p", space: `s-${i}` }));

describe("the console's limit on scope lists", () => {
  it("the targets route's schema names the list, the limit and the count", () => {
    expect(MAX_SCOPE_ENTRIES).toBe(64);
    expect(validate(ConsoleScope, { spaces: spaces(64) }).ok).toBe(true);
    const refused = validate(ConsoleScope, { spaces: spaces(256), projects: [{ project: "*" }] }, [
      "scope",
    ]);
    expect(refused).toEqual({
      ok: false,
      causes: [
        {
          field: "scope.spaces",
          reason: "FieldValueInvalid",
          message: "Invalid value: At most 64 spaces entries; this scope has 256.",
        },
      ],
    });
  });

  it("the issue action's request refuses it at the list; the form shows it at that field", async () => {
    const request = { unrestricted: false, spec: { scope: { spaces: spaces(65) } } };
    expect(z.safeParse(IssueTokenRequest, request).error?.issues).toMatchObject([
      {
        path: ["spec", "scope", "spaces"],
        message: "At most 64 spaces entries; this scope has 65.",
      },
    ]);
    const form = await tokenFormResolver({ ...EMPTY_FORM, spaces: spaces(65) }, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    expect(form.errors.spaces?.message).toBe("At most 64 spaces entries; this scope has 65.");
  });

  it("is the console's only: the shared scope schema (the local platform's) still takes 256", () => {
    expect(z.safeParse(AccessKeyScope, { spaces: spaces(256) }).success).toBe(true);
    const token = {
      apiVersion: "management.loft.sh/v1",
      kind: "DirectClusterEndpointToken",
      spec: { scope: { spaces: spaces(256) } },
    };
    expect(z.safeParse(DirectClusterEndpointTokenCreate, token).success).toBe(true);
  });
});
