import { describe, expect, it } from "vitest";
import {
  encodeScopeState,
  fromBase64Url,
  type ScopeUrlState,
  toBase64Url,
} from "@/lib/scope/url-state";
import { builderHref, decodeScopeState } from "@/lib/scope/url-state-decode";

describe("url-state", () => {
  it("writes a compact, readable query", () => {
    const query = encodeScopeState({
      ttl: 86400,
      scope: {
        projects: [{ project: "demo" }, { project: "*" }],
        spaces: [{ project: "demo", space: "dev" }],
        virtualClusters: [{ project: "demo", virtualCluster: "*" }],
        allowLoftCli: true,
      },
    });
    expect(query).toBe("p=demo&p=*&s=demo/dev&v=demo/*&cli=1&ttl=86400");
  });

  it.each<[string, ScopeUrlState]>([
    ["unrestricted", { scope: undefined, ttl: 3600 }],
    ["nothing chosen yet", { scope: {} }],
    [
      "entries only",
      { scope: { projects: [{ project: "a" }], spaces: [{ project: "b", space: "*" }] } },
    ],
    [
      "rules with every axis",
      {
        ttl: 60,
        scope: {
          allowLoftCli: true,
          rules: [
            {
              verbs: ["get", "list"],
              resources: [{ group: "", resources: ["pods/*"], resourceNames: ["é-unicode"] }],
              namespaces: ["", "default"],
              nonResourceURLs: ["/healthz*"],
              requestTargets: ["Cluster", "ProjectVirtualCluster"],
              cluster: "loft-cluster",
              virtualClusters: [{ name: "v", namespace: "p-demo" }, {}],
            },
            {},
          ],
        },
      },
    ],
  ])("round-trips %s", (_, state) => {
    const query = encodeScopeState(state);
    const decoded = decodeScopeState(query);
    expect(decoded.dropped).toEqual([]);
    const { dropped: _d, ...rest } = decoded;
    expect(rest).toEqual(JSON.parse(JSON.stringify(state)));
    // Also through URLSearchParams and a Next.js searchParams record.
    expect(decodeScopeState(new URLSearchParams(query))).toEqual(decoded);
    const record: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(query)) {
      const prev = record[k];
      record[k] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
    }
    expect(decodeScopeState(record)).toEqual(decoded);
  });

  it("explicit unrestricted is unrestricted; an empty query is an empty scope", () => {
    expect(decodeScopeState("?unrestricted=1")).toEqual({ dropped: [] });
    expect(decodeScopeState("")).toEqual({ scope: {}, dropped: [] });
  });

  it("drops invalid parts with a reason instead of throwing", () => {
    const decoded = decodeScopeState(
      "p=Demo&p=ok&s=nodash&s=demo/Dev&v=*/x&v=demo/vc&cli=maybe&ttl=-5&rules=%%%&foo=bar",
    );
    expect(decoded.scope).toEqual({
      projects: [{ project: "ok" }],
      virtualClusters: [{ project: "demo", virtualCluster: "vc" }],
    });
    expect(decoded.ttl).toBeUndefined();
    expect(decoded.dropped).toEqual([
      expect.stringMatching(/^p=Demo: project must be \* or a lowercase DNS label/),
      "s=nodash: expected project/space",
      expect.stringMatching(/^s=demo\/Dev: space must be \* or a lowercase DNS label/),
      expect.stringMatching(/^v=\*\/x: project must be a lowercase DNS label/),
      "cli=maybe: expected 1 or 0",
      "ttl=-5: expected a whole number of seconds",
      "rules: not base64url-encoded JSON",
    ]);
  });

  it("keeps valid rules and drops invalid ones", () => {
    const rules = toBase64Url(
      JSON.stringify([{ verbs: ["get"] }, { requestTargets: ["Nope"] }, "x"]),
    );
    const decoded = decodeScopeState(`rules=${rules}`);
    expect(decoded.scope).toEqual({ rules: [{ verbs: ["get"] }] });
    expect(decoded.dropped).toEqual([
      expect.stringMatching(/^rules: rules\[1\]: requestTargets\[0\] must be one of Management/),
      expect.stringMatching(/^rules: rules\[2\]: /),
    ]);
    expect(decodeScopeState(`rules=${toBase64Url('{"verbs":[]}')}`).dropped).toEqual([
      "rules: expected a list of rules",
    ]);
  });

  it("ignores duplicates and prefers a scope over a contradictory unrestricted=1", () => {
    const decoded = decodeScopeState("p=a&p=a&unrestricted=1");
    expect(decoded.scope).toEqual({ projects: [{ project: "a" }] });
    expect(decoded.dropped).toEqual([
      "unrestricted=1: ignored, because the URL also names scope entries",
    ]);
  });

  it("ttl must be a positive whole number", () => {
    expect(decodeScopeState("ttl=3600").ttl).toBe(3600);
    expect(decodeScopeState("ttl=1.5").ttl).toBeUndefined();
    expect(decodeScopeState("ttl=0").dropped).toEqual(["ttl=0: must be greater than 0"]);
  });

  it("never carries anything but scope and ttl", () => {
    const decoded = decodeScopeState("token=eyJ.x.y&key=secret&p=a");
    expect(JSON.stringify(decoded)).not.toMatch(/eyJ|secret/);
  });

  it("base64url handles UTF-8 and rejects other alphabets", () => {
    expect(fromBase64Url(toBase64Url("ü/+?"))).toBe("ü/+?");
    expect(toBase64Url("??>")).toBe("Pz8-");
    expect(() => fromBase64Url("a+b/")).toThrow();
  });
});

describe("builderHref: where signing in returns to", () => {
  it("keeps every parameter as asked, repeated ones included", () => {
    expect(builderHref({ p: ["demo", "*"], ttl: "3600", skipped: undefined })).toBe(
      "/tokens/new?p=demo&p=*&ttl=3600",
    );
    expect(builderHref({})).toBe("/tokens/new");
  });
});
