import { describe, expect, it } from "vitest";
import { builderHref, lineExcerpt, proposeFromActivity } from "@/lib/explain/propose-from-text";

const ACTIVITY = [
  "# what the deploy job ran",
  "kubectl --context dce_vcluster_default_web get pods -n shop",
  "kubectl --context dce_vcluster_default_web rollout restart deployment/api -n shop",
  "kubectl --context dce_space_dev_a get cm",
  "this is not kubectl",
].join("\n");

describe("proposeFromActivity", () => {
  it("proposes named entries with the lines that need them, and reports lines it cannot read", () => {
    const result = proposeFromActivity(ACTIVITY);
    if (result.state !== "proposed") throw new Error(result.state);
    expect(result.proposal.scope).toEqual({
      spaces: [{ project: "dev", space: "a" }],
      virtualClusters: [{ project: "default", virtualCluster: "web" }],
    });
    expect(result.proposal.entries.map((e) => [e.text, e.lines])).toEqual([
      ["virtual cluster default/web", [2, 3]],
      ["space dev/a", [4]],
    ]);
    expect(result.problems).toEqual([
      { line: 5, level: "error", message: expect.stringMatching(/^not a kubectl command/) },
    ]);
    expect(result.requests).toBe(4);
    expect(lineExcerpt(result.lines, 2)).toBe(
      "kubectl --context dce_vcluster_default_web get pods -n shop",
    );
  });

  it("stays within the credential and reports what it does not admit", () => {
    const result = proposeFromActivity(ACTIVITY, {
      credential: { virtualClusters: [{ project: "default", virtualCluster: "*" }] },
    });
    if (result.state !== "proposed") throw new Error(result.state);
    expect(result.proposal.scope).toEqual({
      virtualClusters: [{ project: "default", virtualCluster: "web" }],
    });
    expect(result.proposal.beyondCredential.map((b) => [b.line, b.answer])).toEqual([
      [4, "denied"],
    ]);
  });

  it("says when there is nothing to read, or no line is a request", () => {
    expect(proposeFromActivity("  \n")).toEqual({ state: "empty" });
    const nothing = proposeFromActivity("hello\nworld");
    expect(nothing.state).toBe("nothing");
    expect(nothing.state === "nothing" && nothing.problems.map((p) => p.line)).toEqual([1, 2]);
  });
});

describe("builderHref", () => {
  it("opens the builder with the scope chosen, as a token", () => {
    expect(builderHref({ virtualClusters: [{ project: "default", virtualCluster: "web" }] })).toBe(
      "/tokens/new?v=default/web",
    );
    expect(builderHref({ spaces: [{ project: "dev", space: "a" }] }, 3600)).toBe(
      "/tokens/new?s=dev/a&ttl=3600",
    );
  });
});
