import { describe, expect, it } from "vitest";
import { cn } from "@/lib/cn";

describe("cn", () => {
  it("lets a caller's class replace the primitive's conflicting one", () => {
    expect(cn("rounded-md px-3 py-2 text-sm", "px-2 py-1")).toBe("rounded-md text-sm px-2 py-1");
    expect(cn("mb-1 block text-sm font-medium", "font-normal")).toBe(
      "mb-1 block text-sm font-normal",
    );
    expect(cn("text-red-900 dark:text-red-100", "text-sky-900")).toBe(
      "dark:text-red-100 text-sky-900",
    );
  });

  it("drops falsy values", () => {
    expect(cn("a", false, undefined, null, "", "b")).toBe("a b");
  });
});
