import fs from "node:fs";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import path from "node:path";
import { jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readTokenAudit } from "@/lib/local-platform";
import { signingKeyOf } from "@/tests/support/keys";
import { requireKubectl, runKubectl } from "@/tests/support/kubectl";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ env: { LOCAL_PLATFORM_HOSTNAMES: "console.example.test" } });
});
afterAll(() => t.close());

/** kubectl with the platform's kubeconfig (the admin's key). */
const kubectl = (args: string[], env: Record<string, string> = {}) =>
  runKubectl(args, { HOME: t.dataDir, KUBECONFIG: t.platform.kubeconfigPath, ...env });

function file(name: string, content: string) {
  const p = path.join(t.dataDir, name);
  fs.writeFileSync(p, content);
  return p;
}

const REFERENCE_OBJECT = `apiVersion: management.loft.sh/v1
kind: DirectClusterEndpointToken
metadata:
  creationTimestamp: null
spec: {}
status:
  token: eyJhbGciOiJSUzI1NiIsImtpZCI6IjV3RlZOcmU1Ty1ZazBMRmNoN3F1NzVlYlctdk5rdGJ5eTRlelJNQ3dKLVEifQ
`;

describe("DATA_DIR files and TLS", () => {
  it("keeps secrets owner-only and writes a kubeconfig for the TLS port", () => {
    const mode = (p: string) => fs.statSync(path.join(t.dataDir, p)).mode & 0o777;
    expect(mode(".")).toBe(0o700);
    for (const secret of [
      "kubeconfig.yaml",
      "signing-key.pem",
      "ca-key.pem",
      "tls-key.pem",
      "platform.db",
    ]) {
      expect(mode(secret)).toBe(0o600);
    }
    const kubeconfig = parse(fs.readFileSync(t.platform.kubeconfigPath, "utf8")) as {
      clusters: Array<{ cluster: Record<string, string> }>;
      users: Array<{ user: { token: string } }>;
    };
    expect(kubeconfig.clusters[0]!.cluster.server).toBe(`${t.tlsOrigin}/kubernetes/management`);
    expect(kubeconfig.clusters[0]!.cluster["certificate-authority-data"]).toMatch(
      /^[A-Za-z0-9+/]+=*$/,
    );
    expect(kubeconfig.users[0]!.user.token).toBe(t.adminKey);
  });

  it("serves HTTPS with a certificate for 127.0.0.1, localhost and LOCAL_PLATFORM_HOSTNAMES, signed by caFile", async () => {
    const ca = fs.readFileSync(t.platform.caFile, "utf8");
    const cert = await new Promise<{ subjectaltname?: string }>((resolve, reject) => {
      const req = https.get(`${t.tlsOrigin}/kubernetes/management/healthz`, { ca }, (res) => {
        resolve((res.socket as TLSSocket).getPeerCertificate());
        res.resume();
      });
      req.on("error", reject);
    });
    expect(cert.subjectaltname).toContain("IP Address:127.0.0.1");
    expect(cert.subjectaltname).toContain("DNS:localhost");
    expect(cert.subjectaltname).toContain("DNS:console.example.test");
  });
});

describe("kubectl with DATA_DIR/kubeconfig.yaml and no other flag", () => {
  beforeEach(requireKubectl);

  it("create -f of the reference's object.yaml issues a token", async () => {
    const object = file("object.yaml", REFERENCE_OBJECT);
    const plain = await kubectl(["create", "-f", object]);
    expect(plain.stderr).toBe("");
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("directclusterendpointtoken.management.loft.sh/");
    expect(plain.stdout).toContain("created");

    const yaml = await kubectl(["create", "-f", object, "-o", "jsonpath={.status.token}"]);
    expect(yaml.code).toBe(0);
    const { payload } = await jwtVerify(yaml.stdout.trim(), await signingKeyOf(t.dataDir), {
      issuer: t.origin,
    });
    expect(payload.sub).toBe("admin");
  });

  it("create -f --dry-run=server -o yaml prints the object without a token and mints nothing", async () => {
    const object = file("dry.yaml", REFERENCE_OBJECT);
    const audited = readTokenAudit(t.dataDir).length;
    const res = await kubectl(["create", "-f", object, "--dry-run=server", "-o", "yaml"]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("kind: DirectClusterEndpointToken");
    expect(res.stdout).not.toContain("token:");
    expect(res.stdout).not.toMatch(/eyJ/);
    expect(readTokenAudit(t.dataDir).length).toBe(audited);

    const named = await kubectl(["create", "-f", object, "--dry-run=server"]);
    expect(named.stdout).toContain("created (server dry run)");
  });

  it("get clusters", async () => {
    const res = await kubectl(["get", "clusters"]);
    expect(res.stderr).toBe("");
    expect(res.stdout).toMatch(/^NAME\s+AGE/);
    expect(res.stdout).toContain("loft-cluster");
    expect(res.stdout).toContain("eu-west-1");
  });

  it("get projects and get virtualclusterinstances -n p-<project>", async () => {
    const projects = await kubectl(["get", "projects"]);
    expect(projects.code).toBe(0);
    expect(projects.stdout).toMatch(/^NAME\s+AGE/);
    for (const name of ["default", "payments", "platform"]) expect(projects.stdout).toContain(name);
    const vcs = await kubectl(["get", "virtualclusterinstances", "-n", "p-default"]);
    expect(vcs.code).toBe(0);
    expect(vcs.stdout).toContain("dev-vcluster");
    expect(vcs.stdout).not.toContain("checkout");
  });

  it("create -f of a project, a user, a space instance and a virtual cluster instance", async () => {
    const objects = file(
      "objects.yaml",
      `apiVersion: management.loft.sh/v1
kind: Project
metadata:
  name: from-kubectl
spec:
  displayName: From kubectl
  members: [{kind: User, name: kube-user}]
---
apiVersion: management.loft.sh/v1
kind: User
metadata:
  name: kube-user
spec:
  displayName: Kube User
---
apiVersion: management.loft.sh/v1
kind: SpaceInstance
metadata:
  name: kube-space
  namespace: p-from-kubectl
spec:
  clusterRef: {cluster: loft-cluster}
---
apiVersion: management.loft.sh/v1
kind: VirtualClusterInstance
metadata:
  name: kube-vc
  namespace: p-from-kubectl
spec:
  displayName: Kube VC
`,
    );
    const res = await kubectl(["create", "-f", objects]);
    expect(res.stderr).toBe("");
    expect(res.stdout.trim().split("\n")).toEqual([
      "project.management.loft.sh/from-kubectl created",
      "user.management.loft.sh/kube-user created",
      "spaceinstance.management.loft.sh/kube-space created",
      "virtualclusterinstance.management.loft.sh/kube-vc created",
    ]);
    const vc = await t.call(
      "GET",
      `${API_PREFIX}/namespaces/p-from-kubectl/virtualclusterinstances/kube-vc`,
    );
    expect(vc.body.spec.displayName).toBe("Kube VC");
  });

  it("reports an unknown field by name (server-side strict validation)", async () => {
    const bad = file(
      "bad.yaml",
      "apiVersion: management.loft.sh/v1\nkind: DirectClusterEndpointToken\nspec: {ttl: 60, bogus: 1}\n",
    );
    const res = await kubectl(["create", "-f", bad]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('unknown field "spec.bogus"');
  });

  it("gets 401 and no data from the plain-http port (kubectl sends no credentials there)", async () => {
    const server = `${t.origin}/kubernetes/management`;
    const get = await kubectl(["--server", server, "get", "projects"]);
    expect(get.code).not.toBe(0);
    expect(get.stderr).toMatch(/Unauthorized|provide credentials|logged in/);
    expect(get.stdout).not.toContain("payments");
    const create = await kubectl([
      "--server",
      server,
      "create",
      "-f",
      file("object2.yaml", REFERENCE_OBJECT),
    ]);
    expect(create.code).not.toBe(0);
    expect(create.stdout).not.toContain("created");
  });
});
