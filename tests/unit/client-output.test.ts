import { describe, expect, it } from "vitest";
import { readClientOutput, requestOfOutput } from "@/lib/explain/client-output";

const VC = "https://127.0.0.1:8443/kubernetes/project/default/virtualcluster/x";

describe("what the client printed", () => {
  it("reads kubectl's Forbidden line: code, verb, resource, group and namespace", () => {
    const out = readClientOutput(
      'Error from server (Forbidden): deployments.apps is forbidden: User "loft:user:alice" cannot list resource "deployments" in API group "apps" in the namespace "web"',
    );
    expect(out).toMatchObject({
      code: 403,
      verb: "list",
      resource: "deployments",
      group: "apps",
      namespace: "web",
    });
    expect(requestOfOutput(out, `${VC}/`)).toEqual({
      method: "GET",
      path: "/kubernetes/project/default/virtualcluster/x/apis/apps/v1/namespaces/web/deployments",
    });
    // Without a server URL the line names no target.
    expect(requestOfOutput(out, undefined)).toBeUndefined();
  });

  it("reads kubectl's Unauthorized and NotFound lines", () => {
    expect(readClientOutput("error: You must be logged in to the server (Unauthorized)").code).toBe(
      401,
    );
    expect(
      readClientOutput(
        "Error from server (NotFound): the server could not find the requested resource",
      ).code,
    ).toBe(404);
  });

  it("reads kubectl -v=6's request line and a hand-typed URL with its code", () => {
    const verbose = readClientOutput(
      `I1206 10:00:00.000000   123 round_trippers.go:553] DELETE ${VC}/api/v1/namespaces/web/pods/a 403 Forbidden in 4 milliseconds`,
    );
    expect(verbose).toMatchObject({
      code: 403,
      method: "DELETE",
      url: `${VC}/api/v1/namespaces/web/pods/a`,
    });
    expect(requestOfOutput(verbose, undefined)).toEqual({
      method: "DELETE",
      path: "/kubernetes/project/default/virtualcluster/x/api/v1/namespaces/web/pods/a",
    });
    expect(readClientOutput(`${VC}/api/v1/pods?limit=500 -> 401`)).toMatchObject({
      code: 401,
      url: `${VC}/api/v1/pods?limit=500`,
    });
    expect(
      readClientOutput(`curl -X PATCH ${VC}/api/v1/namespaces/a\nHTTP/1.1 403 Forbidden`),
    ).toMatchObject({ code: 403, method: "PATCH" });
  });

  it("reads a Status and says nothing of text it does not know", () => {
    const status = JSON.stringify({
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      code: 403,
      message: "no",
    });
    expect(readClientOutput(status)).toMatchObject({ code: 403, message: "no" });
    expect(readClientOutput("")).toEqual({});
    expect(readClientOutput("it did not work")).toEqual({});
    expect(requestOfOutput({ code: 403 }, VC)).toBeUndefined();
  });
});

describe("a direct endpoint's own refusal", () => {
  it("names the request and its target, so no server URL is needed", () => {
    const out = readClientOutput(
      'Error from server (Forbidden): pods is forbidden: the token of user admin does not allow list on resource "pods" in the namespace "default" of virtual cluster vc-1 of project default: it names no such target',
    );
    expect(out).toMatchObject({ code: 403, verb: "list", resource: "pods", namespace: "default" });
    expect(requestOfOutput(out, undefined)).toEqual({
      method: "GET",
      path: "/kubernetes/project/default/virtualcluster/vc-1/api/v1/namespaces/default/pods",
    });
  });

  it("reads kubectl's 401 when it prints no code", () => {
    expect(
      readClientOutput(
        'E1206 16:01:52.448221 30095 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: the server has asked for the client to provide credentials"',
      ).code,
    ).toBe(401);
  });
});

describe("kubectl's discovery refused by a direct endpoint", () => {
  it("reads the path and the target from the quoted, escaped message", () => {
    const out = readClientOutput(
      'E1206 16:05:32.658494   32699 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: forbidden: the token\'s scope does not allow get on path \\"/api\\" of virtual cluster vc-1 of project default: virtualClusters[0] …"',
    );
    expect(requestOfOutput(out, undefined)).toEqual({
      method: "GET",
      path: "/kubernetes/project/default/virtualcluster/vc-1/api",
    });
  });
});
