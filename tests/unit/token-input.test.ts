import { describe, expect, it } from "vitest";
import { readInspectorInput } from "@/lib/token/input";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const JWT = `${b64({ alg: "RS256" })}.${b64({ sub: "x" })}.c2ln`;

describe("readInspectorInput", () => {
  it("reads nothing from an empty field", () => {
    expect(readInspectorInput("  ")).toEqual({ kind: "empty" });
  });

  it("decodes a JWT, also quoted or wrapped", () => {
    expect(readInspectorInput(JWT)).toMatchObject({
      kind: "token",
      from: "jwt",
      decoded: { ok: true },
    });
    expect(readInspectorInput(`"${JWT.slice(0, 20)}\n${JWT.slice(20)}"`)).toMatchObject({
      decoded: { ok: true, token: JWT },
    });
    expect(readInspectorInput("not a token")).toMatchObject({
      kind: "token",
      decoded: { ok: false, code: "parts" },
    });
  });

  it("uses status.token of an issued manifest (YAML or JSON)", () => {
    const yaml = `apiVersion: management.loft.sh/v1\nkind: DirectClusterEndpointToken\nmetadata: {}\nspec:\n  ttl: 60\nstatus:\n  token: ${JWT}\n`;
    expect(readInspectorInput(yaml)).toMatchObject({
      kind: "token",
      from: "manifest",
      decoded: { ok: true, token: JWT },
    });
    const json = JSON.stringify({ kind: "DirectClusterEndpointToken", status: { token: JWT } });
    expect(readInspectorInput(json)).toMatchObject({ kind: "token", from: "manifest" });
  });

  it("uses spec.scope of a manifest without a token, or a scope alone", () => {
    const yaml = `apiVersion: management.loft.sh/v1\nkind: DirectClusterEndpointToken\nspec:\n  ttl: 600\n  scope:\n    projects:\n    - project: demo\n`;
    expect(readInspectorInput(yaml)).toEqual({
      kind: "scope",
      from: "manifest",
      ttl: 600,
      scope: { projects: [{ project: "demo" }] },
      notUnderstood: [],
    });
    expect(readInspectorInput('{"spaces":[{"project":"demo","space":"dev"}]}')).toMatchObject({
      kind: "scope",
      scope: { spaces: [{ project: "demo", space: "dev" }] },
    });
  });

  it("lists fields of a pasted scope it does not understand instead of refusing it", () => {
    expect(readInspectorInput("roles: [{role: vcluster}]\nfuture: [1]\n")).toEqual({
      kind: "scope",
      from: "manifest",
      scope: { roles: [{ role: "vcluster" }] },
      notUnderstood: ["scope.future"],
    });
  });

  it("explains a manifest that does not validate", () => {
    expect(readInspectorInput("projects:\n- project: Bad Name\n")).toMatchObject({
      kind: "error",
      message: expect.stringMatching(/scope\.projects\[0\]\.project/),
    });
  });
});
