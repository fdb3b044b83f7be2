import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/explain/can-i/route";
import { askOwnerAccess } from "@/lib/explain/owner-access";
import { directEndpoint, type Endpoint, type TargetKind } from "@/lib/kubeconfig/endpoint";
import type { AccessRequest } from "@/lib/scope/evaluate";
import { getStore } from "@/lib/store";
import { createKey } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * The owner's own rights, asked of the local platform's direct endpoint with a SelfSubjectAccessReview
 * (`askOwnerAccess`, as `kubectl auth can-i` asks): the admin, a member (alice: default, payments;
 * a viewer of platform) and a non-member (bob). An endpoint that is not a Kubernetes server, or
 * none at all, is "depends". Then `POST /api/explain/can-i` in-process, signed in as alice.
 */
const signedIn = vi.hoisted(() => ({ session: null as Record<string, unknown> | null }));
vi.mock("@/lib/session/session", () => ({ getSession: async () => signedIn.session }));

let t: TestPlatform;
let cluster: { name: string; annotations: Record<string, string> };
let aliceKey: string;
let bobKey: string;
let consoleDir: string;
let notKubernetes: https.Server;

/** The target's endpoint, built from loft-cluster's annotations as the kubeconfig code builds it. */
function endpointOf(kind: TargetKind, name: string, project?: string): Endpoint {
  const result = directEndpoint({ kind, name, project }, cluster, { platformInsecure: false });
  if (!result.ok) throw new Error(result.message);
  return result.endpoint;
}

const space = (project: string, name: string): AccessRequest["target"] => ({
  kind: "ProjectSpace",
  project,
  space: name,
});
const getPods = (target: AccessRequest["target"]): AccessRequest => ({
  target,
  verb: "get",
  resource: "pods",
  namespace: "default",
});

beforeAll(async () => {
  t = await startTestPlatform();
  const read = await t.call("GET", `${API_PREFIX}/clusters/loft-cluster`);
  cluster = { name: "loft-cluster", annotations: read.body.metadata.annotations };
  aliceKey = await createKey(t, { user: "alice" });
  const bob = { apiVersion: "management.loft.sh/v1", kind: "User", metadata: { name: "bob" } };
  expect((await t.call("POST", `${API_PREFIX}/users`, { body: { ...bob, spec: {} } })).status).toBe(
    201,
  );
  bobKey = await createKey(t, { user: "bob" });
  // An HTTPS server with the platform's certificate that answers JSON, but no review.
  notKubernetes = https.createServer({}, (_req, res) =>
    res.writeHead(200, { "content-type": "application/json" }).end('{"hello":"world"}'),
  );
  notKubernetes.setSecureContext(t.platform.tls);
  await new Promise<void>((resolve) => notKubernetes.listen(0, "127.0.0.1", resolve));

  consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-can-i-"));
  process.env.PLATFORM_URL = t.origin;
  process.env.SESSION_SECRET = crypto.randomBytes(32).toString("hex");
  process.env.DATA_DIR = consoleDir;
  signedIn.session = {
    id: "session-1",
    accessKey: aliceKey,
    principal: { kind: "User", name: "alice" },
    platform: t.origin,
    projectNamespacePrefix: "p-",
    createdAt: Date.now(),
  };
});
afterAll(async () => {
  await (await getStore()).close();
  await new Promise((resolve) => notKubernetes.close(resolve));
  await t.close();
  fs.rmSync(consoleDir, { recursive: true, force: true });
});

describe("askOwnerAccess on the local direct endpoint", () => {
  it("refuses a non-member on a space of a project they are not in, with the reason", async () => {
    const answer = await askOwnerAccess({
      accessKey: bobKey,
      endpoint: endpointOf("space", "dev", "default"),
      request: getPods(space("default", "dev")),
    });
    expect(answer.answer).toBe("refused");
    expect(answer).toMatchObject({ reason: expect.stringContaining("bob") });
  });

  it("allows a member on a space of their project", async () => {
    const answer = await askOwnerAccess({
      accessKey: aliceKey,
      endpoint: endpointOf("space", "dev", "default"),
      request: getPods(space("default", "dev")),
    });
    expect(answer).toEqual({ answer: "allowed" });
  });

  it("allows the admin on the cluster, and refuses the member there", async () => {
    const request: AccessRequest = {
      target: { kind: "Cluster", cluster: "loft-cluster" },
      verb: "list",
      resource: "nodes",
    };
    const endpoint = endpointOf("cluster", "loft-cluster");
    expect(await askOwnerAccess({ accessKey: t.adminKey, endpoint, request })).toEqual({
      answer: "allowed",
    });
    const alice = await askOwnerAccess({ accessKey: aliceKey, endpoint, request });
    expect(alice.answer).toBe("refused");
  });

  it("asks non-resource paths too", async () => {
    const answer = await askOwnerAccess({
      accessKey: aliceKey,
      endpoint: endpointOf("virtualcluster", "dev-vcluster", "default"),
      request: {
        target: {
          kind: "ProjectVirtualCluster",
          project: "default",
          virtualCluster: "dev-vcluster",
        },
        verb: "get",
        nonResourceURL: "/version",
      },
    });
    expect(answer).toEqual({ answer: "allowed" });
  });

  it("answers depends when the endpoint is not a Kubernetes server, or not there", async () => {
    const caData = cluster.annotations["loft.sh/direct-cluster-endpoint-ca-data"];
    const port = (notKubernetes.address() as AddressInfo).port;
    const request = getPods(space("default", "dev"));
    const json = await askOwnerAccess({
      accessKey: aliceKey,
      endpoint: {
        server: `https://127.0.0.1:${port}`,
        insecureSkipTlsVerify: false,
        certificateAuthorityData: caData,
      },
      request,
    });
    expect(json.answer).toBe("depends");
    expect(json).toMatchObject({
      reason: expect.stringContaining("did not answer a SelfSubjectAccessReview (HTTP 200)"),
    });

    // The platform's HTTPS port, at a path that is no direct endpoint: a 404, not a review.
    const elsewhere = await askOwnerAccess({
      accessKey: aliceKey,
      endpoint: {
        server: `${t.tlsOrigin}/nowhere`,
        insecureSkipTlsVerify: false,
        certificateAuthorityData: caData,
      },
      request,
    });
    expect(elsewhere).toMatchObject({
      answer: "depends",
      reason: expect.stringContaining("HTTP 404"),
    });

    const closed = https.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const gone = await askOwnerAccess({
      accessKey: aliceKey,
      endpoint: { server: `https://127.0.0.1:${closedPort}`, insecureSkipTlsVerify: false },
      request,
    });
    expect(gone).toMatchObject({
      answer: "depends",
      reason: expect.stringContaining("could not be reached"),
    });
  });

  it("answers depends when the endpoint does not answer in time", async () => {
    const silent = https.createServer({}, () => undefined);
    silent.setSecureContext(t.platform.tls);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const answer = await askOwnerAccess(
        {
          accessKey: aliceKey,
          endpoint: {
            server: `https://127.0.0.1:${(silent.address() as AddressInfo).port}`,
            insecureSkipTlsVerify: false,
            certificateAuthorityData:
              cluster.annotations["loft.sh/direct-cluster-endpoint-ca-data"],
          },
          request: getPods(space("default", "dev")),
        },
        { timeoutMs: 300 },
      );
      expect(answer).toMatchObject({
        answer: "depends",
        reason: expect.stringContaining("did not answer within 0.3 s"),
      });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("does not send the key to an endpoint it cannot trust, or over plain HTTP", async () => {
    const request = getPods(space("default", "dev"));
    const untrusted = await askOwnerAccess({
      accessKey: aliceKey,
      endpoint: { server: t.tlsOrigin, insecureSkipTlsVerify: false },
      request,
    });
    expect(untrusted).toMatchObject({
      answer: "depends",
      reason: expect.stringContaining("not trusted"),
    });
    const plain = await askOwnerAccess({
      accessKey: aliceKey,
      endpoint: { server: t.origin, insecureSkipTlsVerify: false },
      request,
    });
    expect(plain).toMatchObject({
      answer: "depends",
      reason: expect.stringContaining("not HTTPS"),
    });
  });
});

const ask = (body: unknown) =>
  POST(
    new Request("http://console.test/api/explain/can-i", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    undefined,
  );

describe("POST /api/explain/can-i (signed in as alice)", () => {
  it("resolves the target's direct endpoint and asks it with the session's key", async () => {
    const res = await ask({ target: space("default", "dev"), verb: "get", resource: "pods" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ answer: "allowed" });
  });

  it("refuses, with the endpoint's reason, where she may see the target but not use it", async () => {
    const res = await ask({ target: space("platform", "ops"), verb: "get", resource: "pods" });
    expect(await res.json()).toMatchObject({
      answer: "refused",
      reason: expect.stringContaining('"alice" cannot use space ops'),
    });
  });

  it("answers depends for a cluster without a direct endpoint", async () => {
    const res = await ask({ target: { kind: "Cluster", cluster: "eu-west-1" }, verb: "get" });
    expect(await res.json()).toMatchObject({
      answer: "depends",
      reason: expect.stringMatching(/direct endpoint is unknown/),
    });
  });

  it("takes only the question: no token, no management target, no wildcard", async () => {
    const bad = [
      { target: space("default", "dev"), verb: "get", token: "eyJ…" },
      { target: { kind: "Management" }, verb: "get" },
      { target: space("default", "*"), verb: "get" },
      { target: space("default", "dev"), verb: "get", resource: "pods", path: "/version" },
      { target: space("default", "dev") },
    ];
    for (const body of bad) expect((await ask(body)).status).toBe(422);
  });

  it("answers 401 when signed out", async () => {
    const session = signedIn.session;
    signedIn.session = null;
    try {
      expect((await ask({ target: space("default", "dev"), verb: "get" })).status).toBe(401);
    } finally {
      signedIn.session = session;
    }
  });
});
