import { twMerge } from "tailwind-merge";
import { describe, expect, it } from "vitest";
import { cn } from "@/lib/cn";

const BUTTON =
  "inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed";
const PRIMARY =
  "bg-sky-700 text-white hover:bg-sky-800 disabled:bg-sky-700/60 dark:bg-sky-500 dark:text-zinc-950 dark:hover:bg-sky-400";
const SECONDARY =
  "border border-zinc-300 bg-white hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";
const ALERT = "rounded-md border px-3 py-2 text-sm";
const ERROR_TONE =
  "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100";
const COPY =
  "rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";

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

  it("resolves the overrides the UI makes as tailwind-merge's full configuration does", () => {
    const calls: string[][] = [
      ...["w-full", "ml-auto px-2 py-1", "self-end", "w-full sm:w-auto", "ml-auto"].flatMap(
        (override) => [
          [BUTTON, PRIMARY, override],
          [BUTTON, SECONDARY, override],
        ],
      ),
      ...["mb-0", "font-normal", "text-xs font-normal"].map((o) => [
        "mb-1 block text-sm font-medium",
        o,
      ]),
      ["mt-1 text-sm text-red-700 dark:text-red-400", "mt-0"],
      ["mt-1 text-xs text-zinc-600 dark:text-zinc-400", "mt-0"],
      ...[
        "text-base",
        "flex flex-wrap items-center gap-2",
        "space-y-2",
        "mt-2",
        "wrap-anywhere",
      ].map((o) => [ALERT, ERROR_TONE, o]),
      [COPY, "px-3 py-1.5 text-sm"],
      ["space-y-2 rounded-md border p-3", "border-amber-500"],
    ];
    for (const call of calls) expect(cn(...call), call.join(" | ")).toBe(twMerge(...call));
  });

  it("keeps classes outside the groups it knows, and tells widths from colours", () => {
    expect(cn("border border-zinc-300", "border-t")).toBe("border border-zinc-300 border-t");
    expect(cn("border-2 border-zinc-300", "border-red-500")).toBe("border-2 border-red-500");
    expect(cn("text-left underline", "text-center")).toBe("text-left underline text-center");
  });

  it("drops falsy values", () => {
    expect(cn("a", false, undefined, null, "", "b")).toBe("a b");
  });
});
