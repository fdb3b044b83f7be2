import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import Database from "better-sqlite3";
import { SignJWT, decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directAccessRequest } from "@/lib/local-platform/direct";
import { createKey } from "@/tests/support/keys";
import { closeDirect, direct, issueToken } from "@/tests/support/direct";
import { tokenExpiry } from "@/tests/support/expiry";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

const VC = "/kubernetes/project/default/virtualcluster/dev-vcluster";
const SPACE = "/kubernetes/project/default/space/dev";
const CLUSTER = "/kubernetes/cluster";
const ENDPOINT = "loft.sh/direct-cluster-endpoint";
const CA_DATA = "loft.sh/direct-cluster-endpoint-ca-data";

let t: TestPlatform;
let admin: string;
let alice: string;
beforeAll(async () => {
  t = await startTestPlatform();
  admin = await issueToken(t);
  alice = await createKey(t, { user: "alice" });
});
afterAll(async () => {
  closeDirect(t);
  await t.close();
});

const tlsPortOf = (p: TestPlatform) => new URL(p.tlsOrigin).port;
// Tests read arbitrary JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const annotationsOf = (cluster: any): Record<string, string> => cluster.metadata.annotations ?? {};

/** The certificate a server at host:port presents, when trusting only `ca`. */
function peerCertificate(host: string, ca: string) {
  return new Promise<{ raw: Buffer }>((resolve, reject) => {
    const req = https.get(`https://${host}${VC}/version`, { ca, agent: false }, (res) => {
      resolve((res.socket as TLSSocket).getPeerCertificate());
      res.resume();
    });
    req.on("error", reject);
  });
}

describe("direct endpoint annotations", () => {
  it("loft-cluster carries the HTTPS port and the CA that signed its certificate; eu-west-1 none", async () => {
    const list = await t.call("GET", `${API_PREFIX}/clusters`);
    expect(list.status).toBe(200);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const byName = new Map<string, any>(list.body.items.map((c: any) => [c.metadata.name, c]));
    const local = annotationsOf(byName.get("loft-cluster"));
    expect(local[ENDPOINT]).toBe(`127.0.0.1:${tlsPortOf(t)}`);
    expect(local[CA_DATA]).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const caPem = Buffer.from(local[CA_DATA]!, "base64").toString("utf8");
    expect(caPem).toBe(fs.readFileSync(t.platform.caFile, "utf8"));

    // The CA verifies the certificate the annotated host serves (TLS handshake and signature).
    const peer = await peerCertificate(local[ENDPOINT]!, caPem);
    const served = new crypto.X509Certificate(peer.raw);
    expect(served.verify(new crypto.X509Certificate(caPem).publicKey)).toBe(true);

    const eu = annotationsOf(byName.get("eu-west-1"));
    expect(eu[ENDPOINT]).toBeUndefined();
    expect(eu[CA_DATA]).toBeUndefined();

    const one = await t.call("GET", `${API_PREFIX}/clusters/loft-cluster`);
    expect(annotationsOf(one.body)).toEqual(local);
  });

  it("a project member sees them in projects/<p>/clusters", async () => {
    const res = await t.call("GET", `${API_PREFIX}/projects/default/clusters`, { key: alice });
    expect(res.status).toBe(200);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const byName = new Map<string, any>(res.body.clusters.map((c: any) => [c.metadata.name, c]));
    expect(annotationsOf(byName.get("loft-cluster"))[ENDPOINT]).toBe(`127.0.0.1:${tlsPortOf(t)}`);
    expect(annotationsOf(byName.get("eu-west-1"))[ENDPOINT]).toBeUndefined();
  });

  it("follows the HTTPS port when the platform starts again on another one", async () => {
    const first = await startTestPlatform();
    const dataDir = first.dataDir;
    const adminKey = first.adminKey;
    const before = annotationsOf(
      (await first.call("GET", `${API_PREFIX}/clusters/loft-cluster`)).body,
    );
    expect(before[ENDPOINT]).toBe(`127.0.0.1:${tlsPortOf(first)}`);
    await first.close({ keepData: true });
    const second = await startTestPlatform({ dataDir, adminKey });
    try {
      expect(tlsPortOf(second)).not.toBe(tlsPortOf(first));
      const after = annotationsOf(
        (await second.call("GET", `${API_PREFIX}/clusters/loft-cluster`)).body,
      );
      expect(after[ENDPOINT]).toBe(`127.0.0.1:${tlsPortOf(second)}`);
      expect(after[CA_DATA]).toBe(before[CA_DATA]);
    } finally {
      await second.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("authentication on the direct endpoint", () => {
  it("a token of this platform is 200 on both ports", async () => {
    const res = await direct(t, admin, "GET", `${VC}/api/v1/namespaces`);
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe("NamespaceList");
    const plain = await t.call("GET", `${VC}/api/v1/namespaces`, { key: admin });
    expect(plain.status).toBe(200);
  });

  it("an unknown access key, no credential, garbage and a tampered signature are 401 Unauthorized", async () => {
    const tampered = (() => {
      const [h, p, s] = admin.split(".") as [string, string, string];
      const sig = Buffer.from(s, "base64url");
      sig[0]! ^= 1;
      return `${h}.${p}.${sig.toString("base64url")}`;
    })();
    const widened = (() => {
      // Same signature, claims changed (a scope removed): the signature no longer matches.
      const [h, , s] = admin.split(".") as [string, string, string];
      const claims = { ...decodeJwt(admin), sub: "someone-else" };
      return `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${s}`;
    })();
    const unknownKey = "unknown-access-key-0123456789abcdef";
    for (const token of [unknownKey, null, "not-a-jwt", "a.b.c", tampered, widened]) {
      const res = await direct(t, token, "GET", `${VC}/api/v1/namespaces`);
      expect(res.status, String(token).slice(0, 20)).toBe(401);
      expect(res.body).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
    }
  });

  it("a token signed by another key, with the same header and claims, is 401", async () => {
    const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const header = JSON.parse(Buffer.from(admin.split(".")[0]!, "base64url").toString()) as {
      kid: string;
    };
    const forged = await new SignJWT(decodeJwt(admin))
      .setProtectedHeader({ alg: "RS256", kid: header.kid })
      .sign(privateKey);
    expect((await direct(t, forged, "GET", `${VC}/api/v1/namespaces`)).status).toBe(401);
  });

  it("a token signed with the platform's own key is still refused when nbf, aud or kind are wrong", async () => {
    const key = crypto.createPrivateKey(
      fs.readFileSync(path.join(t.dataDir, "signing-key.pem"), "utf8"),
    );
    const header = JSON.parse(Buffer.from(admin.split(".")[0]!, "base64url").toString()) as {
      kid: string;
    };
    const claims = decodeJwt(admin);
    const sign = (c: Record<string, unknown>) =>
      new SignJWT(c).setProtectedHeader({ alg: "RS256", kid: header.kid }).sign(key);
    // The same claims, re-signed: accepted (the signing itself is right).
    expect((await direct(t, await sign(claims), "GET", `${VC}/version`)).status).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    const loft = claims["loft.sh"] as Record<string, unknown>;
    for (const bad of [
      { ...claims, nbf: now + 600 },
      { ...claims, aud: ["https://elsewhere.example"] },
      { ...claims, "loft.sh": { ...loft, kind: "Team" } },
      { ...claims, "loft.sh": { ...loft, uid: "not-the-user" } },
      { ...claims, exp: undefined },
    ]) {
      expect((await direct(t, await sign(bad), "GET", `${VC}/version`)).status).toBe(401);
    }
    // A scope with a field this platform does not know is refused everything, not read widely.
    const unknown = await sign({
      ...claims,
      "loft.sh": { ...loft, scope: { projects: [{ project: "*" }], futureLimit: ["x"] } },
    });
    const res = await direct(t, unknown, "GET", `${VC}/version`);
    expect(res.status).toBe(403);
    expect(res.body.message).toContain("fields this platform does not understand (futureLimit)");
  });

  it("an expired token is 401", async () => {
    // 2 s: issued at a whole second, it lives at least 1 s, so the first call is surely in time.
    const short = await issueToken(t, { ttl: 2 });
    expect((await direct(t, short, "GET", `${VC}/version`)).status).toBe(200);
    await tokenExpiry(short);
    const res = await direct(t, short, "GET", `${VC}/version`);
    expect(res.status).toBe(401);
    expect(res.body.reason).toBe("Unauthorized");
  });

  it("a token of a deleted user is 401, also once a user of that name exists again; a raised spec.tokenGeneration revokes", async () => {
    const bob = {
      apiVersion: "management.loft.sh/v1",
      kind: "User",
      metadata: { name: "bob" },
      spec: { displayName: "Bob" },
    };
    const created = await t.call("POST", `${API_PREFIX}/users`, { body: bob });
    expect(created.status).toBe(201);
    const bobKey = await createKey(t, { user: "bob" });
    const bobToken = await issueToken(t, { scope: { clusters: [{ cluster: "*" }] } }, bobKey);
    // bob is no admin: the cluster is refused by his own rights, but he is authenticated.
    expect((await direct(t, bobToken, "GET", `${CLUSTER}/version`)).status).toBe(403);

    const db = new Database(path.join(t.dataDir, "platform.db"));
    try {
      db.prepare("DELETE FROM objects WHERE kind = 'users' AND name = 'bob'").run();
      expect((await direct(t, bobToken, "GET", `${CLUSTER}/version`)).status).toBe(401);
      const again = await t.call("POST", `${API_PREFIX}/users`, { body: bob });
      expect(again.status).toBe(201);
      expect((await direct(t, bobToken, "GET", `${CLUSTER}/version`)).status).toBe(401);

      // A user's spec.tokenGeneration above the token's `gen` (absent: 0) revokes the token;
      // metadata.generation is not the token generation. (Written here behind the API's back to
      // undo it; the API never lowers it: see token-generation.test.ts.)
      const token = await issueToken(t);
      expect((await direct(t, token, "GET", `${CLUSTER}/version`)).status).toBe(200);
      db.prepare(
        "UPDATE objects SET body = json_set(body, '$.metadata.generation', 7) WHERE kind = 'users' AND name = 'admin'",
      ).run();
      expect((await direct(t, token, "GET", `${CLUSTER}/version`)).status).toBe(200);
      db.prepare(
        "UPDATE objects SET body = json_set(body, '$.metadata.generation', 1, '$.spec.tokenGeneration', 1) WHERE kind = 'users' AND name = 'admin'",
      ).run();
      expect((await direct(t, token, "GET", `${CLUSTER}/version`)).status).toBe(401);
      db.prepare(
        "UPDATE objects SET body = json_remove(body, '$.spec.tokenGeneration') WHERE kind = 'users' AND name = 'admin'",
      ).run();
      expect((await direct(t, token, "GET", `${CLUSTER}/version`)).status).toBe(200);
    } finally {
      db.close();
    }
  });

  it("a target that does not exist, or runs in another cluster, and a path naming none are 404", async () => {
    const created = await t.call(
      "POST",
      `${API_PREFIX}/namespaces/p-default/virtualclusterinstances`,
      {
        body: {
          apiVersion: "management.loft.sh/v1",
          kind: "VirtualClusterInstance",
          metadata: { name: "in-eu" },
          spec: { clusterRef: { cluster: "eu-west-1" } },
        },
      },
    );
    expect(created.status).toBe(201);
    for (const p of [
      "/kubernetes/project/default/virtualcluster/missing/api/v1/namespaces",
      "/kubernetes/project/default/space/dev-vcluster/api/v1/namespaces",
      "/kubernetes/project/nope/space/dev/api/v1/namespaces",
      "/kubernetes/project/default/virtualcluster/in-eu/api/v1/namespaces",
      "/kubernetes/project/default",
      "/kubernetes/project/default/cluster/x/api",
      `${VC}/api/v1/namespaces/default/deployments`,
      `${VC}/apis/apps/v1/deployments`,
      `${VC}/nothing-here`,
    ]) {
      const res = await direct(t, admin, "GET", p);
      expect(res.status, p).toBe(404);
      expect(res.body, p).toMatchObject({ kind: "Status", reason: "NotFound", code: 404 });
    }
    const eu = await direct(
      t,
      admin,
      "GET",
      "/kubernetes/project/default/virtualcluster/in-eu/version",
    );
    expect(eu.body.message).toContain('runs in cluster "eu-west-1"');
  });
});

describe("authorization on the direct endpoint", () => {
  it("a scoped token reaches its virtual cluster and is 403 elsewhere, with the evaluator's reasons", async () => {
    const token = await issueToken(t, {
      scope: { virtualClusters: [{ project: "default", virtualCluster: "dev-vcluster" }] },
    });
    expect((await direct(t, token, "GET", `${VC}/api/v1/namespaces`)).status).toBe(200);
    const other = await direct(
      t,
      token,
      "GET",
      "/kubernetes/project/default/virtualcluster/preview/api/v1/namespaces",
    );
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      reason: "Forbidden",
      code: 403,
      details: { kind: "namespaces" },
    });
    expect(other.body.message).toMatch(
      /^namespaces is forbidden: the token's scope does not allow list on resource "namespaces" at the cluster scope/,
    );
    expect(other.body.message).toContain("the request is for virtual cluster preview");

    const named = await direct(t, token, "GET", `${SPACE}/api/v1/namespaces/default/pods/web-0`);
    expect(named.status).toBe(403);
    expect(named.body.message).toMatch(
      /^pods "web-0" is forbidden: .* get on resource "pods" in the namespace "default"/,
    );
    expect(named.body.details).toEqual({ kind: "pods", name: "web-0" });

    const path = await direct(t, token, "GET", `${CLUSTER}/version`);
    expect(path.status).toBe(403);
    expect(path.body.message).toMatch(
      /^forbidden: the token's scope does not allow get on path "\/version"/,
    );
  });

  it("a refused discovery request from client-go (aggregated discovery Accept) gets the reason as text", async () => {
    const token = await issueToken(t, {
      scope: { virtualClusters: [{ project: "default", virtualCluster: "preview" }] },
    });
    const accept =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9";
    const text = await direct(t, token, "GET", `${VC}/api`, { accept });
    expect(text.status).toBe(403);
    expect(text.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(text.body).toMatch(/^forbidden: the token's scope does not allow get on path "\/api"/);
    const json = await direct(t, token, "GET", `${VC}/api`, { accept: "application/json" });
    expect(json.status).toBe(403);
    expect(json.body).toMatchObject({ kind: "Status", reason: "Forbidden", message: text.body });
  });

  it("a write the scope allows is 405 (read-only simulation); one it forbids is 403", async () => {
    const readOnly = await issueToken(t, {
      scope: { rules: [{ verbs: ["get", "list"] }] },
    });
    const writer = await issueToken(t, { scope: { projects: [{ project: "default" }] } });
    const refused = await direct(t, readOnly, "POST", `${VC}/api/v1/namespaces`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain("verb create is not in its verbs (get, list)");
    for (const [method, p] of [
      ["POST", `${VC}/api/v1/namespaces`],
      ["DELETE", `${VC}/api/v1/namespaces/default`],
      ["PUT", `${VC}/api/v1/namespaces/default/configmaps/app-config`],
      ["PATCH", `${VC}/api/v1/namespaces/default/pods/web-0`],
    ] as const) {
      const res = await direct(t, writer, method, p);
      expect(res.status, `${method} ${p}`).toBe(405);
      expect(res.body.reason).toBe("MethodNotAllowed");
      expect(res.body.message).toContain("this simulated cluster is read-only");
    }
  });

  it("a role whose rules are not public (depends) is refused", async () => {
    const token = await issueToken(t, { scope: { roles: [{ role: "vcluster" }] } });
    const res = await direct(t, token, "GET", `${VC}/api/v1/namespaces`);
    expect(res.status).toBe(403);
    expect(res.body.message).toContain("may not allow");
    expect(res.body.message).toContain("only what a scope surely allows is let through");
  });

  it("an unscoped token carries its holder's rights: a member reaches their projects' instances, not a viewer's or a cluster", async () => {
    const token = await issueToken(t, {}, alice);
    expect((await direct(t, token, "GET", `${VC}/api/v1/namespaces`)).status).toBe(200);
    expect((await direct(t, token, "GET", `${SPACE}/api/v1/namespaces`)).status).toBe(200);
    const viewer = await direct(
      t,
      token,
      "GET",
      "/kubernetes/project/platform/virtualcluster/shared-tools/api/v1/namespaces",
    );
    expect(viewer.status).toBe(403);
    expect(viewer.body.message).toContain('User "alice" cannot use virtual cluster shared-tools');
    const cluster = await direct(t, token, "GET", `${CLUSTER}/api/v1/namespaces`);
    expect(cluster.status).toBe(403);
    expect(cluster.body.message).toContain("only platform admins");
  });
});

describe("the simulated cluster behind each target", () => {
  it("serves discovery and OpenAPI as kubectl asks for them", async () => {
    const version = await direct(t, admin, "GET", `${VC}/version`);
    expect(version.body).toMatchObject({ major: "1", minor: "32" });
    expect(version.body.gitVersion).toMatch(/^v1\.32\./);
    expect((await direct(t, admin, "GET", `${VC}/api`)).body).toMatchObject({
      kind: "APIVersions",
      versions: ["v1"],
    });
    const core = await direct(t, admin, "GET", `${VC}/api/v1`);
    expect(core.body.kind).toBe("APIResourceList");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(core.body.resources.map((r: any) => r.name).sort()).toEqual([
      "configmaps",
      "namespaces",
      "pods",
      "services",
    ]);
    // Only the self review groups (kubectl auth whoami / can-i): see tests/api/kubectl-auth.test.ts.
    const groups = (await direct(t, admin, "GET", `${VC}/apis`)).body;
    expect(groups.kind).toBe("APIGroupList");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(groups.groups.map((g: any) => g.name)).toEqual([
      "authentication.k8s.io",
      "authorization.k8s.io",
    ]);
    const v2 = await direct(t, admin, "GET", `${VC}/openapi/v2`);
    expect(v2.status).toBe(200);
    expect(v2.headers["content-type"]).toBe(
      "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
    );
    const v3 = await direct(t, admin, "GET", `${VC}/openapi/v3`);
    const doc = v3.body.paths["api/v1"].serverRelativeURL as string;
    expect(doc.startsWith(`${VC}/openapi/v3/api/v1?hash=`)).toBe(true);
    expect((await direct(t, admin, "GET", doc)).body.openapi).toBe("3.0.0");
    expect((await direct(t, admin, "GET", `${VC}/healthz`)).body).toBe("ok");
  });

  it("lists and reads namespaces, pods, config maps and services", async () => {
    const ns = await direct(t, admin, "GET", `${VC}/api/v1/namespaces?limit=500`);
    expect(ns.body).toMatchObject({ kind: "NamespaceList", apiVersion: "v1" });
    expect(ns.body.metadata.resourceVersion).toMatch(/^\d+$/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const names = ns.body.items.map((i: any) => i.metadata.name);
    expect(names).toEqual(["default", "kube-system", "kube-public", "dev-vcluster"]);
    const spaceNs = await direct(t, admin, "GET", `${SPACE}/api/v1/namespaces`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(spaceNs.body.items.map((i: any) => i.metadata.name)).toContain("dev");
    const clusterNs = await direct(t, admin, "GET", `${CLUSTER}/api/v1/namespaces`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(clusterNs.body.items.map((i: any) => i.metadata.name)).toContain("loft-cluster");

    const one = await direct(t, admin, "GET", `${VC}/api/v1/namespaces/kube-system`);
    expect(one.body).toMatchObject({ kind: "Namespace", metadata: { name: "kube-system" } });
    const missing = await direct(t, admin, "GET", `${VC}/api/v1/namespaces/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('namespaces "nope" not found');

    const pods = await direct(t, admin, "GET", `${VC}/api/v1/namespaces/default/pods`);
    expect(pods.body.kind).toBe("PodList");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(pods.body.items.map((i: any) => i.metadata.name)).toEqual(["web-0", "web-1"]);
    for (const r of ["configmaps", "services"]) {
      const res = await direct(t, admin, "GET", `${VC}/api/v1/namespaces/default/${r}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
    }
    const pod = await direct(t, admin, "GET", `${VC}/api/v1/namespaces/default/pods/web-1`);
    expect(pod.body).toMatchObject({
      kind: "Pod",
      metadata: { name: "web-1", namespace: "default" },
    });
    const watch = await direct(t, admin, "GET", `${VC}/api/v1/namespaces/default/pods?watch=true`);
    expect(watch.status).toBe(405);
    expect(watch.body.message).toContain("serves no watches");
    const all = await direct(t, admin, "GET", `${VC}/api/v1/pods`);
    expect(all.body.items.length).toBeGreaterThan(2);
  });
});

describe("request attributes (directAccessRequest)", () => {
  const of = (method: string, p: string, query = "") =>
    directAccessRequest(method, p, new URLSearchParams(query))?.request;

  it("maps paths and methods as the Kubernetes API server does", () => {
    const vc = {
      kind: "ProjectVirtualCluster",
      project: "default",
      virtualCluster: "dev-vcluster",
    };
    expect(of("GET", `${VC}/api/v1/namespaces`)).toEqual({
      target: vc,
      verb: "list",
      resource: "namespaces",
    });
    expect(of("GET", `${VC}/api/v1/namespaces`, "watch=true")?.verb).toBe("watch");
    expect(of("GET", `${VC}/api/v1/namespaces/x`)).toEqual({
      target: vc,
      verb: "get",
      resource: "namespaces",
      name: "x",
      namespace: "x",
    });
    expect(of("DELETE", `${VC}/api/v1/namespaces/a/pods`)).toEqual({
      target: vc,
      verb: "deletecollection",
      resource: "pods",
      namespace: "a",
    });
    expect(of("PATCH", `${SPACE}/apis/apps/v1/namespaces/a/deployments/d/scale`)).toEqual({
      target: { kind: "ProjectSpace", project: "default", space: "dev" },
      verb: "patch",
      apiGroup: "apps",
      resource: "deployments",
      subresource: "scale",
      name: "d",
      namespace: "a",
    });
    expect(of("PUT", `${CLUSTER}/api/v1/namespaces/a/configmaps/c`)?.verb).toBe("update");
    expect(of("POST", `${CLUSTER}/api/v1/namespaces/a/configmaps`)).toEqual({
      target: { kind: "Cluster", cluster: "loft-cluster" },
      verb: "create",
      resource: "configmaps",
      namespace: "a",
    });
    for (const p of [
      "/version",
      "/api",
      "/api/v1",
      "/apis",
      "/apis/apps",
      "/apis/apps/v1",
      "/healthz",
      "/openapi/v2",
    ]) {
      expect(of("GET", `${VC}${p}`)).toEqual({ target: vc, verb: "get", nonResourceURL: p });
    }
    expect(of("GET", "/kubernetes/project/default")).toBeUndefined();
  });
});

describe("throttling failed authentication", () => {
  it("counts bad tokens like bad access keys: past the limit the address gets 429", async () => {
    const own = await startTestPlatform();
    try {
      let last = 0;
      for (let i = 0; i < 70 && last !== 429; i++) {
        last = (await direct(own, "x.y.z", "GET", `${VC}/version`)).status;
      }
      expect(last).toBe(429);
      const res = await direct(own, "x.y.z", "GET", `${VC}/version`);
      expect(res.headers["retry-after"]).toMatch(/^\d+$/);
      // The management API answers that address the same way.
      expect((await own.call("GET", `${API_PREFIX}/projects`)).status).toBe(429);
    } finally {
      closeDirect(own);
      await own.close();
    }
  });
});
