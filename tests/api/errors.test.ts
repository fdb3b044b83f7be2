import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";
import { expectStatus } from "@/tests/support/status";

const TOKENS = `${API_PREFIX}/directclusterendpointtokens`;
const PROJECTS = `${API_PREFIX}/projects`;
const tokenBody = (spec: unknown = {}) => ({
  apiVersion: "management.loft.sh/v1",
  kind: "DirectClusterEndpointToken",
  spec,
});

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe("Kubernetes Status errors", () => {
  it("401 without a key, with an unknown key, and with a malformed header", async () => {
    expectStatus(await t.call("GET", PROJECTS, { key: null }), 401, "Unauthorized");
    expectStatus(
      await t.call("GET", PROJECTS, { key: "not-a-real-key-0123456789" }),
      401,
      "Unauthorized",
    );
    expectStatus(
      await t.call("GET", PROJECTS, {
        key: null,
        headers: { authorization: "Basic YWRtaW46YWRtaW4=" },
      }),
      401,
      "Unauthorized",
    );
    // Unknown paths do not reveal themselves to the unauthenticated either.
    expectStatus(await t.call("GET", `${API_PREFIX}/nothing`, { key: null }), 401, "Unauthorized");
    expectStatus(
      await t.call("POST", TOKENS, { key: null, body: tokenBody() }),
      401,
      "Unauthorized",
    );
  });

  it("health and version need no key; there are no OpenID documents at the root", async () => {
    expect((await t.call("GET", "/kubernetes/management/healthz", { key: null })).status).toBe(200);
    expect((await t.call("GET", "/kubernetes/management/version", { key: null })).body.major).toBe(
      "1",
    );
    expect((await t.call("GET", "/.well-known/openid-configuration", { key: null })).status).toBe(
      404,
    );
  });

  it("404 for unknown paths, resources and objects", async () => {
    expectStatus(await t.call("GET", "/kubernetes/management/nope"), 404, "NotFound");
    expectStatus(await t.call("GET", `${API_PREFIX}/widgets`), 404, "NotFound");
    expectStatus(await t.call("GET", `${API_PREFIX}/projects/default/extra`), 404, "NotFound");
    const missing = await t.call("GET", `${PROJECTS}/missing`);
    expectStatus(missing, 404, "NotFound");
    expect(missing.body.message).toBe('projects.management.loft.sh "missing" not found');
    expect(missing.body.details).toMatchObject({
      name: "missing",
      group: "management.loft.sh",
      kind: "projects",
    });
    expectStatus(
      await t.call("GET", `${API_PREFIX}/namespaces/p-default/virtualclusterinstances/nope`),
      404,
      "NotFound",
    );
    expectStatus(await t.call("DELETE", `${PROJECTS}/missing`), 404, "NotFound");
  });

  it("405 for methods a resource does not support", async () => {
    expectStatus(await t.call("GET", TOKENS), 405, "MethodNotAllowed");
    expectStatus(await t.call("PUT", `${PROJECTS}/default`, { body: {} }), 405, "MethodNotAllowed");
    expectStatus(
      await t.call("PATCH", `${PROJECTS}/default`, { body: {} }),
      405,
      "MethodNotAllowed",
    );
    expectStatus(await t.call("DELETE", `${API_PREFIX}/users/alice`), 405, "MethodNotAllowed");
    expectStatus(
      await t.call("POST", `${API_PREFIX}/virtualclusterinstances`, { body: {} }),
      405,
      "MethodNotAllowed",
    );
    expectStatus(
      await t.call("POST", "/kubernetes/management/apis", { body: {} }),
      405,
      "MethodNotAllowed",
    );
  });

  it("409 AlreadyExists for a taken name", async () => {
    const body = {
      apiVersion: "management.loft.sh/v1",
      kind: "Project",
      metadata: { name: "twice" },
    };
    expect((await t.call("POST", PROJECTS, { body })).status).toBe(201);
    const again = await t.call("POST", PROJECTS, { body });
    expectStatus(again, 409, "AlreadyExists");
    expect(again.body.message).toBe('projects.management.loft.sh "twice" already exists');
  });

  it("400 for malformed JSON, non-objects, wrong apiVersion or kind", async () => {
    const json = { "content-type": "application/json" };
    expectStatus(
      await t.call("POST", TOKENS, { raw: "{not json", headers: json }),
      400,
      "BadRequest",
    );
    expectStatus(await t.call("POST", TOKENS, { raw: "[1,2]", headers: json }), 400, "BadRequest");
    expectStatus(await t.call("POST", TOKENS, { raw: "", headers: json }), 400, "BadRequest");
    const wrongVersion = await t.call("POST", TOKENS, {
      body: { ...tokenBody(), apiVersion: "v1" },
    });
    expectStatus(wrongVersion, 400, "BadRequest");
    expect(wrongVersion.body.message).toContain("management.loft.sh/v1");
    expectStatus(
      await t.call("POST", TOKENS, { body: { ...tokenBody(), kind: "Project" } }),
      400,
      "BadRequest",
    );
    expectStatus(await t.call("POST", TOKENS, { body: { spec: {} } }), 400, "BadRequest");
  });

  it("400 for prototype-polluting keys and deep nesting; huge arrays are 422; the process survives", async () => {
    const json = { "content-type": "application/json" };
    const proto =
      '{"apiVersion":"management.loft.sh/v1","kind":"DirectClusterEndpointToken","spec":{"__proto__":{"admin":true}}}';
    expectStatus(await t.call("POST", TOKENS, { raw: proto, headers: json }), 400, "BadRequest");
    const ctor = { ...tokenBody(), metadata: { labels: { constructor: "x" } } };
    expectStatus(await t.call("POST", TOKENS, { body: ctor }), 400, "BadRequest");
    expect(({} as Record<string, unknown>).admin).toBeUndefined();

    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expectStatus(await t.call("POST", TOKENS, { raw: deep, headers: json }), 400, "BadRequest");
    const deepObject = `{"spec":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`;
    expectStatus(
      await t.call("POST", TOKENS, { raw: deepObject, headers: json }),
      400,
      "BadRequest",
    );

    const many = Array.from({ length: 20_000 }, () => ({ project: "default" }));
    const huge = await t.call("POST", TOKENS, { body: tokenBody({ scope: { projects: many } }) });
    expectStatus(huge, 422, "Invalid");
    expect(huge.body.details.causes[0].field).toBe("spec.scope.projects");

    const wrongTypes = await t.call("POST", TOKENS, {
      body: tokenBody({ ttl: "soon", scope: [] }),
    });
    expectStatus(wrongTypes, 422, "Invalid");
    expect((await t.call("GET", "/kubernetes/management/healthz")).status).toBe(200);
  });

  it("413 for bodies over 1 MiB, declared or streamed", async () => {
    const big = JSON.stringify({ ...tokenBody(), pad: "x".repeat(1024 * 1024 + 10) });
    expectStatus(
      await t.call("POST", TOKENS, { raw: big, headers: { "content-type": "application/json" } }),
      413,
      "RequestEntityTooLarge",
    );
    const chunked = await new Promise<{ status: number; body: { reason?: string } }>(
      (resolve, reject) => {
        const url = new URL(`${t.origin}${TOKENS}`);
        const req = http.request(
          url,
          {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${t.adminKey}` },
          },
          (res) => {
            let text = "";
            res.on("data", (c) => (text += c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
          },
        );
        req.on("error", reject);
        for (let i = 0; i < 20; i++) req.write("x".repeat(100_000)); // no content-length: chunked
        req.end();
      },
    );
    expect(chunked.status).toBe(413);
    expect(chunked.body.reason).toBe("RequestEntityTooLarge");
  });

  it("415 for bodies that are not JSON", async () => {
    const yaml = "apiVersion: management.loft.sh/v1\nkind: DirectClusterEndpointToken\n";
    expectStatus(
      await t.call("POST", TOKENS, { raw: yaml, headers: { "content-type": "application/yaml" } }),
      415,
      "UnsupportedMediaType",
    );
    expectStatus(
      await t.call("POST", TOKENS, {
        raw: "a=b",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      415,
      "UnsupportedMediaType",
    );
    expectStatus(await t.call("POST", TOKENS, { raw: "{}" }), 415, "UnsupportedMediaType");
  });

  it("422 Invalid with causes, details.kind the Kind and the message naming the field", async () => {
    const res = await t.call("POST", TOKENS, {
      body: { ...tokenBody({ ttl: -5 }), metadata: { name: "x" } },
    });
    expectStatus(res, 422, "Invalid");
    expect(res.body.message).toBe(
      'directclusterendpointtokens.management.loft.sh "x" is invalid: spec.ttl: Invalid value: must be greater than 0',
    );
    expect(res.body.details).toMatchObject({
      name: "x",
      group: "management.loft.sh",
      kind: "DirectClusterEndpointToken",
      causes: [{ field: "spec.ttl", reason: "FieldValueInvalid" }],
    });
    const noName = await t.call("POST", PROJECTS, {
      body: { apiVersion: "management.loft.sh/v1", kind: "Project" },
    });
    expectStatus(noName, 422, "Invalid");
    expect(noName.body.details.causes).toEqual([
      expect.objectContaining({ field: "metadata.name", reason: "FieldValueRequired" }),
    ]);
  });

  it("400 for malformed continue tokens and selectors", async () => {
    expectStatus(await t.call("GET", `${PROJECTS}?limit=1&continue=%%%`), 400, "BadRequest");
    const bogus = Buffer.from('{"v":2}').toString("base64url");
    const bad = await t.call("GET", `${PROJECTS}?limit=1&continue=${bogus}`);
    expectStatus(bad, 400, "BadRequest");
    expect(bad.body.message).toContain("continue key is not valid");
    expectStatus(
      await t.call("GET", `${PROJECTS}?labelSelector=${encodeURIComponent("a in (b")}`),
      400,
      "BadRequest",
    );
    expectStatus(
      await t.call("GET", `${PROJECTS}?fieldSelector=spec.displayName%3Dx`),
      400,
      "BadRequest",
    );
    expectStatus(await t.call("GET", `${PROJECTS}?limit=-1`), 400, "BadRequest");
  });
});

describe("500 InternalError", () => {
  it("answers a Status without internals when the store fails, and keeps serving", async () => {
    const broken = await startTestPlatform();
    try {
      broken.platform.close(); // the database is gone underneath the running handler
      const res = await broken.call("GET", PROJECTS);
      expectStatus(res, 500, "InternalError");
      expect(res.body.message).toMatch(/^Internal error occurred/);
      expect(res.body.message).not.toMatch(/database|sqlite|\.ts/i);
      expect((await broken.call("GET", "/kubernetes/management/healthz")).status).toBe(200);
    } finally {
      await broken.close();
    }
  });
});
