import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  buildManifest,
  curlCommand,
  heredoc,
  normalizeScope,
  shellQuote,
} from "@/lib/scope/manifest";
import { kubectlCommand, manifestYaml, parseManifest } from "@/lib/scope/manifest-yaml";
import type { AccessKeyScope } from "@/lib/scope/schema";

const scope: AccessKeyScope = {
  rules: [
    {
      cluster: "",
      verbs: ["get"],
      namespaces: [""],
      resources: [{ resources: ["pods"], resourceNames: [] }],
      virtualClusters: [{ name: "", namespace: "p-demo" }],
      nonResourceURLs: [],
    },
  ],
  virtualClusters: [{ project: "demo", virtualCluster: "*" }],
  spaces: [],
  projects: [{ project: "team" }],
  allowLoftCli: false,
};

/** Heredoc body of a command: the lines between `<<'EOF'` and `EOF`. */
function heredocBody(command: string): string {
  const match = /<<'(EOF\d*)'\n([\s\S]*)\n\1$/.exec(command);
  if (!match) throw new Error(`no heredoc in ${command}`);
  return match[2]!;
}

describe("buildManifest", () => {
  it("writes apiVersion, kind, metadata, spec in order, leaving out empty lists and defaults", () => {
    const m = buildManifest({ ttl: 3600, scope });
    expect(Object.keys(m)).toEqual(["apiVersion", "kind", "metadata", "spec"]);
    expect(m).toEqual({
      apiVersion: "management.loft.sh/v1",
      kind: "DirectClusterEndpointToken",
      metadata: {},
      spec: {
        ttl: 3600,
        scope: {
          projects: [{ project: "team" }],
          virtualClusters: [{ project: "demo", virtualCluster: "*" }],
          rules: [
            {
              verbs: ["get"],
              resources: [{ group: "", resources: ["pods"] }],
              namespaces: [""],
              virtualClusters: [{ namespace: "p-demo" }],
            },
          ],
        },
      },
    });
    expect(Object.keys(m.spec.scope!)).toEqual(["projects", "virtualClusters", "rules"]);
  });

  it("keeps an empty scope (reaches nothing) distinct from no scope (unrestricted)", () => {
    expect(buildManifest({ scope: { projects: [], allowLoftCli: false } }).spec).toEqual({
      scope: {},
    });
    expect(buildManifest({}).spec).toEqual({});
    expect(normalizeScope({ allowLoftCli: true })).toEqual({ allowLoftCli: true });
  });
});

describe("manifestYaml, kubectl and curl", () => {
  it("YAML parses back to the manifest", () => {
    const input = { ttl: 86400, scope };
    expect(parse(manifestYaml(input))).toEqual(buildManifest(input));
    expect(manifestYaml({})).toMatch(
      /^apiVersion: management\.loft\.sh\/v1\nkind: DirectClusterEndpointToken\nmetadata: \{\}\nspec: \{\}\n$/,
    );
  });

  it("kubectl create reads the manifest from a heredoc and prints the token", () => {
    const input = { ttl: 60, scope };
    const command = kubectlCommand(input);
    expect(command.split("\n")[0]).toBe(
      "kubectl create -o jsonpath='{.status.token}' -f - <<'EOF'",
    );
    expect(parse(heredocBody(command))).toEqual(buildManifest(input));
  });

  it("curl posts JSON to the create endpoint with the access key as a shell variable", () => {
    const input = { ttl: 60, scope };
    const command = curlCommand(input, "https://platform.example.com/kubernetes/management/");
    expect(command).toContain(
      "'https://platform.example.com/kubernetes/management/apis/management.loft.sh/v1/directclusterendpointtokens'",
    );
    expect(command).toContain('-H "Authorization: Bearer $ACCESS_KEY"');
    expect(command).toContain("-X POST");
    expect(JSON.parse(heredocBody(command))).toEqual(buildManifest(input));
  });

  it("picks a heredoc delimiter no line of the body equals", () => {
    expect(heredoc("a: 1\n")).toBe("<<'EOF'\na: 1\nEOF");
    expect(heredoc("x\nEOF\nEOF1\n")).toBe("<<'EOF2'\nx\nEOF\nEOF1\nEOF2");
  });

  it("quotes the base URL for the shell", () => {
    expect(shellQuote("http://h/it's")).toBe(`'http://h/it'\\''s'`);
    expect(curlCommand({}, "http://h/it's")).toContain(`'http://h/it'\\''s/apis/`);
  });
});

describe("parseManifest", () => {
  it.each<[string, string, object]>([
    [
      "a full manifest in YAML (the reference's object.yaml shape)",
      [
        "apiVersion: management.loft.sh/v1",
        "kind: DirectClusterEndpointToken",
        "metadata:",
        "  creationTimestamp: null",
        "spec:",
        "  ttl: 3600",
        "  scope:",
        "    spaces: [{project: demo, space: dev}]",
        "status:",
        "  token: eyJhbGciOi.secret.part",
      ].join("\n"),
      {
        ok: true,
        ttl: 3600,
        scope: { spaces: [{ project: "demo", space: "dev" }] },
        notUnderstood: [],
      },
    ],
    [
      "a full manifest in JSON",
      JSON.stringify({
        apiVersion: "management.loft.sh/v1",
        kind: "DirectClusterEndpointToken",
        spec: { ttl: 5 },
      }),
      { ok: true, ttl: 5, notUnderstood: [] },
    ],
    [
      "a bare spec",
      "ttl: 60\nscope:\n  allowLoftCli: true\n",
      { ok: true, ttl: 60, scope: { allowLoftCli: true }, notUnderstood: [] },
    ],
    [
      "a bare scope",
      '{"projects":[{"project":"*"}]}',
      { ok: true, scope: { projects: [{ project: "*" }] }, notUnderstood: [] },
    ],
    ["{} as an empty scope", "{}", { ok: true, scope: {}, notUnderstood: [] }],
    [
      "spec without apiVersion/kind",
      "spec:\n  ttl: 10\n",
      { ok: true, ttl: 10, notUnderstood: [] },
    ],
  ])("reads %s", (_, text, expected) => {
    expect(parseManifest(text)).toEqual(expected);
  });

  it("never returns the token of a pasted manifest", () => {
    const text = JSON.stringify({
      apiVersion: "management.loft.sh/v1",
      kind: "DirectClusterEndpointToken",
      spec: {},
      status: { token: "eyJ.secret.sig" },
    });
    expect(JSON.stringify(parseManifest(text))).not.toContain("secret");
  });

  it.each<[string, string, string | RegExp]>([
    ["empty input", "  \n", /^Nothing to read/],
    ["broken YAML", "scope: [", /^Not valid YAML or JSON \(line 1, column \d+\): /],
    ["broken JSON", '{"ttl": 5,', /^Not valid YAML or JSON \(line 1, column \d+\)/],
    ["duplicate keys", "ttl: 1\nttl: 2\n", /line 2, column 1\): Map keys must be unique/],
    [
      "a list",
      "- a\n",
      "Expected an object (a DirectClusterEndpointToken, its spec or an AccessKeyScope), got a list.",
    ],
    ["a JWT pasted here", "eyJhbGciOiJSUzI1NiJ9.e30.sig", /got a string\.$/],
    ["two documents", "ttl: 1\n---\nttl: 2\n", "Found 2 YAML documents; paste one."],
    [
      "wrong kind",
      "apiVersion: management.loft.sh/v1\nkind: AccessKey\n",
      "kind: Invalid value: must be DirectClusterEndpointToken",
    ],
    [
      "missing kind",
      "apiVersion: management.loft.sh/v1\nspec: {}\n",
      "kind: Invalid value: must be DirectClusterEndpointToken",
    ],
    [
      "several problems with paths",
      "spec:\n  ttl: -1\n  scope:\n    spaces: [{space: dev}]\n    colour: blue\n",
      "spec.ttl: Invalid value: must be greater than 0; spec.scope.spaces[0].project: Required value",
    ],
    ["string ttl", "ttl: '3600'", "ttl: Invalid value: must be a number of seconds"],
    [
      "a rule problem in a bare scope",
      "rules:\n  - requestTargets: [Everything]\n",
      "scope.rules[0].requestTargets[0]: Invalid value: must be one of Management, Cluster, ProjectSpace, ProjectVirtualCluster",
    ],
    [
      "resourceNames without resources",
      "rules: [{resources: [{resourceNames: [x]}]}]",
      "scope.rules[0].resources[0].resourceNames: Invalid value: may only be set together with resources",
    ],
  ])("explains %s", (_, text, error) => {
    expect(parseManifest(text)).toMatchObject({
      ok: false,
      error: typeof error === "string" ? error : expect.stringMatching(error),
    });
  });

  it("returns field causes for the form", () => {
    const result = parseManifest("spaces: [{project: Demo, space: dev}]");
    expect(result).toMatchObject({
      ok: false,
      causes: [{ field: "scope.spaces[0].project", reason: "FieldValueInvalid" }],
    });
  });

  it("round-trips what buildManifest writes", () => {
    const input = { ttl: 7200, scope: normalizeScope(scope) };
    expect(parseManifest(manifestYaml(input))).toEqual({ ok: true, ...input, notUnderstood: [] });
    expect(parseManifest(JSON.stringify(buildManifest(input)))).toEqual({
      ok: true,
      ...input,
      notUnderstood: [],
    });
  });

  it("imports what it knows and lists the fields it does not understand", () => {
    const text = [
      "apiVersion: management.loft.sh/v1",
      "kind: DirectClusterEndpointToken",
      "metadata:",
      "  name: ci",
      "  uid: 1234",
      "spec:",
      "  ttl: 600",
      "  priority: high",
      "  scope:",
      "    roles: [{role: vcluster, projects: [demo], since: v5}]",
      "    clusters: [{cluster: '*'}]",
      "    tenants: [{tenant: acme}]",
    ].join("\n");
    expect(parseManifest(text)).toEqual({
      ok: true,
      ttl: 600,
      scope: { roles: [{ role: "vcluster", projects: ["demo"] }], clusters: [{ cluster: "*" }] },
      notUnderstood: [
        "metadata.uid",
        "spec.priority",
        "spec.scope.roles[0].since",
        "spec.scope.tenants",
      ],
    });
    expect(parseManifest("projects: [{project: a}]\nfuture: true\n")).toEqual({
      ok: true,
      scope: { projects: [{ project: "a" }] },
      notUnderstood: ["scope.future"],
    });
  });
});
