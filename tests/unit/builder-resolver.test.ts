import { describe, expect, it, vi } from "vitest";
import { EMPTY_FORM } from "@/lib/scope/form";

vi.mock("@/components/scope-builder/form-resolver", () => {
  throw new Error("Failed to load chunk");
});

describe("the builder's resolver when its schema cannot be loaded", () => {
  it("lets the form be sent as it is, for the issue action to validate", async () => {
    const { tokenFormResolver } = await import("@/components/scope-builder/deferred");
    const result = await tokenFormResolver(EMPTY_FORM, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    expect(result).toEqual({ values: EMPTY_FORM, errors: {} });
  });
});
