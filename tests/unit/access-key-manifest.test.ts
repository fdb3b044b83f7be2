import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { CreateObjectMeta } from "@/lib/scope/schema";
import { accessKeyCurlCommand, generateNameFor, ownedAccessKeyObject } from "@/lib/scope/manifest";
import { accessKeyKubectlCommand, accessKeyManifestYaml } from "@/lib/scope/manifest-yaml";

/**
 * The OwnedAccessKey the builder previews in access-key mode — the very object the create action
 * sends — as YAML, `kubectl create -f` and `curl POST …/ownedaccesskeys`.
 */

const alice = { kind: "User" as const, name: "alice" };
const spec = {
  displayName: "  CI deploys (payments)  ",
  description: " ",
  ttl: 86_400,
  ttlAfterLastActivity: true,
  scope: {
    virtualClusters: [{ project: "default", virtualCluster: "dev" }],
    projects: [],
    roles: [{ role: "vcluster", projects: [], virtualClusters: ["dev"] }],
  },
};

describe("the OwnedAccessKey object", () => {
  it("is owned by the signed-in user, of type User, named from its display name", () => {
    expect(ownedAccessKeyObject(spec, alice)).toEqual({
      apiVersion: "management.loft.sh/v1",
      kind: "OwnedAccessKey",
      metadata: { generateName: "ci-deploys-payments-" },
      spec: {
        displayName: "CI deploys (payments)",
        type: "User",
        user: "alice",
        ttl: 86_400,
        ttlAfterLastActivity: true,
        scope: {
          roles: [{ role: "vcluster", virtualClusters: ["dev"] }],
          virtualClusters: [{ project: "default", virtualCluster: "dev" }],
        },
      },
    });
  });

  it("a team's key is owned by spec.team; no ttl and no scope are left out (never expires, unrestricted)", () => {
    const object = ownedAccessKeyObject({ displayName: "ops" }, { kind: "Team", name: "ops" });
    expect(object.spec).toEqual({ displayName: "ops", type: "User", team: "ops" });
  });

  it.each([
    ["CI deploys (payments)", "ci-deploys-payments-"],
    ["Ünïcödé Kéy", "unicode-key-"],
    ["日本語", "access-key-"],
    ["---", "access-key-"],
    ["x".repeat(100), `${"x".repeat(40)}-`],
    [`${"a".repeat(39)} b`, `${"a".repeat(39)}-`],
  ])("generateName for %j is %j, a name prefix the platform accepts", (name, expected) => {
    expect(generateNameFor(name)).toBe(expected);
    expect(CreateObjectMeta.safeParse({ generateName: expected }).success).toBe(true);
  });
});

describe("the preview's YAML, kubectl and curl", () => {
  const object = ownedAccessKeyObject(spec, alice);

  it("YAML reads back as the object", () => {
    expect(parseYaml(accessKeyManifestYaml(object))).toEqual(object);
  });

  it("kubectl create -f prints the new key (spec.key), not a token", () => {
    const command = accessKeyKubectlCommand(object);
    expect(command.split("\n")[0]).toBe("kubectl create -o jsonpath='{.spec.key}' -f - <<'EOF'");
    const body = command.split("\n").slice(1, -1).join("\n");
    expect(parseYaml(body)).toEqual(object);
  });

  it("curl POSTs the object to …/ownedaccesskeys with the key from $ACCESS_KEY", () => {
    const command = accessKeyCurlCommand(object, "https://platform.example/kubernetes/management/");
    const lines = command.split("\n");
    expect(lines[0]).toBe(
      "curl -sS -X POST 'https://platform.example/kubernetes/management/apis/management.loft.sh/v1/ownedaccesskeys' \\",
    );
    expect(lines[1]).toBe('  -H "Authorization: Bearer $ACCESS_KEY" \\');
    expect(JSON.parse(lines.slice(4, -1).join("\n"))).toEqual(object);
  });
});
