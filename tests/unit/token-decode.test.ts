import { parseLoftClaim } from "@/lib/token/loft-claim";
import { base64url, generateKeyPair, SignJWT } from "jose";
import { assert, describe, expect, it } from "vitest";
import { decodeToken } from "@/lib/token/decode";

const b64 = (value: unknown) =>
  base64url.encode(typeof value === "string" ? value : JSON.stringify(value));
const HEADER = b64({ alg: "RS256", kid: "k1", typ: "JWT" });

async function platformToken(claims: Record<string, unknown>) {
  const { privateKey } = await generateKeyPair("RS256");
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "JWT" })
    .setIssuedAt(1_700_000_000)
    .setExpirationTime(1_700_003_600)
    .sign(privateKey);
}

describe("decodeToken", () => {
  it("decodes a platform token: parts, header, claims, loft.sh and unknown private claims", async () => {
    const scope = { projects: [{ project: "demo" }], spaces: [{ project: "demo", space: "dev" }] };
    const token = await platformToken({
      sub: "admin",
      "loft.sh": { uid: "u-1", name: "dce-abc", kind: "DirectClusterEndpointToken", gen: 1, scope },
      team: { id: 7 },
    });
    const result = decodeToken(`  Bearer ${token}\n`);
    expect(result.ok).toBe(true);
    assert(result.ok);
    expect(result.token).toBe(token);
    expect(result.parts.header).toBe(token.split(".")[0]);
    expect(result.header).toMatchObject({ alg: "RS256", kid: "k1" });
    expect(result.claims).toMatchObject({ sub: "admin", iat: 1_700_000_000, exp: 1_700_003_600 });
    expect(result.loft).toMatchObject({ uid: "u-1", name: "dce-abc", gen: 1 });
    expect(result.loft?.scope).toEqual({ state: "valid", scope, notUnderstood: [] });
    expect(result.unknown).toEqual({ team: { id: 7 } });
    expect(result.unsafe).toBeUndefined();
    expect(result.warnings).toEqual([]);
  });

  it("shows an invalid scope as invalid, naming the field", () => {
    const payload = b64({ "loft.sh": { scope: { projects: [{ project: "Not A Label" }] } } });
    const result = decodeToken(`${HEADER}.${payload}.c2ln`);
    expect(result).toMatchObject({
      ok: true,
      loft: {
        scope: {
          state: "invalid",
          issues: [expect.stringMatching(/^projects\[0\]\.project: must be \*/)],
        },
      },
    });
  });

  it("keeps a token without loft.sh", () => {
    const result = decodeToken(`${HEADER}.${b64({ sub: "x" })}.c2ln`);
    expect(result.ok && result.loft).toBeUndefined();
  });

  it.each([
    ["", "empty", /field is empty/],
    ["   \n ", "empty", /field is empty/],
    ["abc", "parts", /this has 1\. .*cut off/],
    [`${HEADER}.${b64({})}`, "parts", /this has 2\./],
    ["a.b.c.d", "parts", /this has 4\./],
    ["a.b.c.d.e", "parts", /this has 5\. .*encrypted token \(JWE\)/],
  ])("rejects %j as %s", (input, code, message) => {
    const result = decodeToken(input);
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.message).toMatch(message);
  });

  it("names the part that is not base64url", () => {
    expect(decodeToken(`${HEADER}.pay!load.sig`)).toMatchObject({
      ok: false,
      code: "base64url",
      part: "payload",
      message:
        "The payload (part 2) is not base64url: it contains '!' at position 4, which base64url does not use.",
    });
    expect(decodeToken(`${HEADER}.${b64({})}.abc=`)).toMatchObject({
      code: "base64url",
      part: "signature",
      message: expect.stringMatching(/padding '='/),
    });
    expect(decodeToken(`abcde.${b64({})}.sig`)).toMatchObject({
      code: "base64url",
      part: "header",
      message: expect.stringMatching(/length \(5\)/),
    });
    expect(decodeToken(`.${b64({})}.sig`)).toMatchObject({
      code: "base64url",
      part: "header",
      message: "The header (part 1) is empty.",
    });
  });

  it("names the part that is not JSON", () => {
    expect(decodeToken(`${b64("not json")}.${b64({})}.sig`)).toMatchObject({
      ok: false,
      code: "json",
      part: "header",
      message: expect.stringMatching(/^The header \(part 1\) is not JSON/),
    });
    expect(decodeToken(`${HEADER}.${b64("[1,2]")}.sig`)).toMatchObject({
      code: "json",
      part: "payload",
      message: "The payload (part 2) is JSON but not an object (it is an array).",
    });
  });

  it("flags alg none as unsafe", () => {
    const result = decodeToken(`${b64({ alg: "none" })}.${b64({ sub: "x" })}.`);
    expect(result.ok).toBe(true);
    expect(result.ok && result.unsafe).toMatch(/Unsafe: .*"alg": "none"/);
  });

  it("warns about time claims that are not numbers", () => {
    const result = decodeToken(`${HEADER}.${b64({ exp: "tomorrow" })}.sig`);
    expect(result.ok && result.warnings).toEqual(['The "exp" claim is not a number of seconds.']);
  });
});

describe("the loft.sh claim's shapes", () => {
  it("reads kind, gen and a Go user.DefaultInfo originalRequester readably", () => {
    const loft = parseLoftClaim({
      uid: "u-1",
      name: "alice",
      kind: "Team",
      gen: 3,
      originalRequester: {
        Name: "admin",
        UID: "a-1",
        Groups: ["loft:admins"],
        Extra: { k: ["v"] },
      },
      scope: { roles: [{ role: "vcluster" }], tenants: ["x"] },
    });
    expect(loft).toMatchObject({
      kind: "Team",
      gen: 3,
      originalRequester: {
        name: "admin",
        uid: "a-1",
        groups: ["loft:admins"],
        extra: { k: ["v"] },
      },
      extra: {},
      problems: [],
      scope: {
        state: "valid",
        scope: { roles: [{ role: "vcluster" }] },
        notUnderstood: [{ field: "tenants", value: ["x"] }],
      },
    });
    expect(parseLoftClaim({ kind: "LoftAdmin" })?.problems).toEqual([]);
    expect(parseLoftClaim({ kind: "Robot" })?.problems).toEqual([
      'loft.sh.kind "Robot" is not one this console knows (User, Team, LoftAdmin).',
    ]);
  });
});
