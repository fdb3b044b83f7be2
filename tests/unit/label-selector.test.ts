import { describe, expect, it } from "vitest";
import {
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from "@/lib/local-platform/selector";

describe("parseLabelSelector", () => {
  it("parses every operator", () => {
    expect(parseLabelSelector("a=b, c==d,e!=f,g in (x, y),h notin (z),i,!j")).toEqual([
      { key: "a", op: "in", values: ["b"] },
      { key: "c", op: "in", values: ["d"] },
      { key: "e", op: "notin", values: ["f"] },
      { key: "g", op: "in", values: ["x", "y"] },
      { key: "h", op: "notin", values: ["z"] },
      { key: "i", op: "exists", values: [] },
      { key: "j", op: "notexists", values: [] },
    ]);
  });

  it("accepts prefixed keys and empty values", () => {
    expect(parseLabelSelector("loft.sh/project=demo,app.kubernetes.io/name=")).toEqual([
      { key: "loft.sh/project", op: "in", values: ["demo"] },
      { key: "app.kubernetes.io/name", op: "in", values: [""] },
    ]);
    expect(parseLabelSelector("")).toEqual([]);
  });

  it.each([
    "a in (b",
    "a in ()",
    "=b",
    "a,,b",
    "a=b c",
    "-a=b",
    "a=-b",
    "Bad_Prefix/x=y",
    `${"k".repeat(64)}=v`,
    "a in ((b))",
  ])("rejects %j", (selector) => {
    expect(() => parseLabelSelector(selector)).toThrow(SelectorError);
  });
});

describe("matchesLabels", () => {
  const labels = { env: "dev", tier: "gold" };
  it.each([
    ["env=dev", true],
    ["env!=dev", false],
    ["missing!=x", true],
    ["env in (prod,dev)", true],
    ["env notin (dev)", false],
    ["missing notin (dev)", true],
    ["tier", true],
    ["!tier", false],
    ["env=dev,!missing", true],
  ])("%s → %s", (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });
});

describe("parseFieldSelector", () => {
  it("supports metadata.name and metadata.namespace with =, ==, !=", () => {
    expect(parseFieldSelector("metadata.name=a,metadata.namespace==p-x,metadata.name!=b")).toEqual([
      { field: "metadata.name", op: "=", value: "a" },
      { field: "metadata.namespace", op: "=", value: "p-x" },
      { field: "metadata.name", op: "!=", value: "b" },
    ]);
  });
  it("rejects other fields", () => {
    expect(() => parseFieldSelector("spec.displayName=x")).toThrow(/field label not supported/);
  });
});
