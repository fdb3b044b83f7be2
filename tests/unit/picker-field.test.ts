import { describe, expect, it } from "vitest";
import { firstError } from "@/components/scope-builder/first-error";
import { pickerOptions } from "@/components/scope-builder/picker-field";

describe("a picker list's first error", () => {
  it("is the list's own message, then its root's", () => {
    expect(firstError({ message: "Choose at least one project", type: "custom" })).toBe(
      "Choose at least one project",
    );
    expect(firstError(Object.assign([], { root: { message: "Too many entries" } }))).toBe(
      "Too many entries",
    );
  });

  it("is the first entry's field, then the entry itself, skipping entries without errors", () => {
    const errors = [
      undefined,
      { project: { message: "project: not a DNS label", type: "custom" } },
      { space: { message: "later entry", type: "custom" } },
    ];
    expect(firstError(errors)).toBe("project: not a DNS label");
    expect(firstError([undefined, { message: "duplicate entry", type: "custom", ref: {} }])).toBe(
      "duplicate entry",
    );
    expect(
      firstError([{ virtualCluster: { message: "name: too long", type: "custom" }, type: "x" }]),
    ).toBe("name: too long");
  });

  it("is nothing without errors", () => {
    expect(firstError(undefined)).toBeUndefined();
    expect(firstError([])).toBeUndefined();
    expect(firstError([undefined, {}])).toBeUndefined();
  });

  it("names the entry of a list of plain values typed in one box (a rule's verbs)", () => {
    const errors = [undefined, undefined, { message: "must not be empty", type: "custom" }];
    expect(firstError(errors, { numbered: true })).toBe("Entry 3: must not be empty");
    expect(firstError(errors)).toBe("must not be empty");
    // The list's own message is not an entry's.
    expect(firstError({ message: "Too many verbs" }, { numbered: true })).toBe("Too many verbs");
  });
});

describe("a picker list's options", () => {
  const config = {
    option: (item: { name: string }) => ({ id: item.name, label: item.name }),
    wildcard: {
      label: "All projects (*)",
      detail: (total: number | undefined) => (total === undefined ? "every" : `${total} today`),
    },
  };
  const items = [{ name: "demo" }, { name: "payments" }];

  it("lists the wildcard first while the search is empty or part of its label", () => {
    for (const search of ["", "  ", "all", "*", "PROJ", "(*)"]) {
      const options = pickerOptions(items, search, config, 2);
      expect(options[0]).toEqual({
        id: "*",
        label: "All projects (*)",
        detail: "2 today",
        wildcard: true,
      });
      expect(options.slice(1).map((o) => o.id)).toEqual(["demo", "payments"]);
    }
    expect(pickerOptions(items, "", config, undefined)[0]?.detail).toBe("every");
  });

  it("leaves the wildcard out for other searches", () => {
    expect(pickerOptions(items, "dem", config, undefined).map((o) => o.id)).toEqual([
      "demo",
      "payments",
    ]);
  });
});
