import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import { explainAccess, type ExplainFacts } from "@/lib/explain/checks";
import type { DirectTarget } from "@/lib/explain/direct-request";
import type { AccessRequest } from "@/lib/scope/evaluate";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { issueToken } from "@/tests/support/direct";
import { createKey } from "@/tests/support/keys";
import { requireKubectl, runKubectl, writeDirectKubeconfig } from "@/tests/support/kubectl";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";
import { mulberry32, pick, type Rng } from "@/tests/support/prng";

/**
 * `kubectl auth whoami` and `kubectl auth can-i` (1.32, the real binary) against the local direct
 * endpoints answer from the credential's scope and its owner's rights, as `explainAccess` does.
 */

const SEED = 20261207;
const PER_CREDENTIAL = 9;

let t: TestPlatform;
let endpoint: { host: string; caData: string };
let aliceKey: string;

beforeAll(async () => {
  t = await startTestPlatform();
  const cluster = await t.call("GET", `${API_PREFIX}/clusters/loft-cluster`);
  const annotations = cluster.body.metadata.annotations;
  endpoint = {
    host: annotations["loft.sh/direct-cluster-endpoint"],
    caData: annotations["loft.sh/direct-cluster-endpoint-ca-data"],
  };
  aliceKey = await createKey(t, { user: "alice" });
});
afterAll(() => t.close());

function kubectl(token: string, targetPath: string, args: string[]) {
  const config = writeDirectKubeconfig(t.dataDir, endpoint, token, targetPath);
  const home = fs.mkdtempSync(path.join(t.dataDir, "home-"));
  return runKubectl(["--kubeconfig", config, ...args], { HOME: home });
}

const VC = "/kubernetes/project/default/virtualcluster/dev-vcluster";
const VC_TARGET: DirectTarget = {
  kind: "ProjectVirtualCluster",
  project: "default",
  virtualCluster: "dev-vcluster",
};

describe("kubectl auth whoami", () => {
  beforeEach(requireKubectl);

  it("names the owner and the credential, whatever the scope allows", async () => {
    // A scope reaching only another cluster: whoami is a self review, always allowed.
    const token = await issueToken(
      t,
      { scope: { clusters: [{ cluster: "eu-west-1" }] } },
      aliceKey,
    );
    const res = await kubectl(token, VC, ["auth", "whoami", "-o", "json"]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const review = JSON.parse(res.stdout);
    expect(review).toMatchObject({
      kind: "SelfSubjectReview",
      apiVersion: "authentication.k8s.io/v1",
      status: {
        userInfo: {
          username: "loft:user:alice",
          groups: ["system:authenticated"],
          extra: { "loft.sh/jti": [decodeJwt(token).jti] },
        },
      },
    });
    const user = await t.call("GET", `${API_PREFIX}/users/alice`);
    expect(review.status.userInfo.uid).toBe(user.body.metadata.uid);
  });

  it("an access key is named by its name", async () => {
    const key = await createKey(t, { user: "alice" }, { name: "whoami-key" });
    const res = await kubectl(key, VC, ["auth", "whoami", "-o", "json"]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).status.userInfo).toMatchObject({
      username: "loft:user:alice",
      extra: { "loft.sh/jti": ["whoami-key"], "loft.sh/access-key": ["whoami-key"] },
    });
  });
});

interface Subject {
  label: string;
  token: string;
  path: string;
  target: DirectTarget;
  facts: ExplainFacts;
}

/** What the test knows about a credential: its claims or key, its owner's rights, the target. */
function factsOf(credential: ExplainFacts["credential"], admin: boolean): ExplainFacts {
  return {
    credential,
    now: Date.now(),
    owner: {
      exists: true,
      tokenGeneration: 0,
      rights: admin
        ? { admin: true, projects: [] }
        : { admin: false, projects: ["default", "payments"] },
    },
    target: { directEndpoint: true },
    enforcer: "local",
  };
}

const DISCOVERY = { nonResourceURLs: ["/api*", "/version"] };
const SCOPES: Array<{
  label: string;
  scope: AccessKeyScope;
  as: "alice" | "admin";
  key?: boolean;
  cluster?: boolean;
}> = [
  {
    label: "alice token, rules",
    as: "alice",
    scope: {
      rules: [
        DISCOVERY,
        { verbs: ["get", "list"], resources: [{ resources: ["pods"] }], namespaces: ["default"] },
        { verbs: ["create"], resources: [{ resources: ["configmaps", "pods/log"] }] },
      ],
    },
  },
  {
    label: "admin key on the cluster, rules",
    as: "admin",
    key: true,
    cluster: true,
    scope: {
      rules: [
        DISCOVERY,
        { verbs: ["*"], namespaces: ["kube-system"] },
        { resources: [{ resources: ["namespaces"], resourceNames: ["default"] }] },
      ],
    },
  },
  {
    label: "alice token, a role only the platform knows",
    as: "alice",
    scope: { roles: [{ role: "vcluster" }], rules: [DISCOVERY] },
  },
  {
    label: "alice key, the virtual cluster",
    as: "alice",
    key: true,
    scope: { virtualClusters: [{ project: "default", virtualCluster: "dev-vcluster" }] },
  },
];

async function subjects(): Promise<Subject[]> {
  const out: Subject[] = [];
  for (const s of SCOPES) {
    const target: DirectTarget = s.cluster
      ? { kind: "Cluster", cluster: "loft-cluster" }
      : VC_TARGET;
    const targetPath = s.cluster ? "/kubernetes/cluster" : VC;
    const owner = s.as === "admin" ? {} : { user: "alice" };
    if (s.key) {
      const name = `can-i-${out.length}`;
      const token = await createKey(t, { ...owner, scope: s.scope }, { name });
      const credential = {
        kind: "accessKey" as const,
        name,
        known: true,
        disabled: false,
        expires: null,
        scope: s.scope,
      };
      out.push({
        label: s.label,
        token,
        path: targetPath,
        target,
        facts: factsOf(credential, s.as === "admin"),
      });
    } else {
      const token = await issueToken(
        t,
        { scope: s.scope },
        s.as === "admin" ? undefined : aliceKey,
      );
      const credential = {
        kind: "token" as const,
        signature: "valid" as const,
        claims: decodeJwt(token),
      };
      out.push({
        label: s.label,
        token,
        path: targetPath,
        target,
        facts: factsOf(credential, s.as === "admin"),
      });
    }
  }
  return out;
}

/** A `kubectl auth can-i` question and the SelfSubjectAccessReview kubectl sends for it. */
function genQuestion(rng: Rng, target: DirectTarget): { args: string[]; request: AccessRequest } {
  const verb = pick(rng, ["get", "list", "watch", "create", "update", "delete", "patch"]);
  if (rng() < 0.2) {
    const url = pick(rng, ["/version", "/healthz", "/api", "/apis/apps"]);
    return { args: [verb, url], request: { target, verb, nonResourceURL: url } };
  }
  const resource = pick(rng, ["pods", "namespaces", "configmaps", "services"]);
  const request: AccessRequest = { target, verb, resource };
  const args = [verb, resource];
  const name = rng() < 0.3 ? pick(rng, ["default", "web-0", "app-config"]) : "";
  if (name) {
    args[1] = `${resource}/${name}`;
    request.name = name;
  }
  // kubectl sends the namespace it would use (the kubeconfig's: default), cluster-scoped or not.
  const namespace = rng() < 0.5 ? pick(rng, ["default", "kube-system"]) : "";
  if (namespace) args.push("-n", namespace);
  request.namespace = namespace || "default";
  if (resource === "pods" && rng() < 0.25) {
    args.push("--subresource=log");
    request.subresource = "log";
  }
  return { args, request };
}

describe("kubectl auth can-i", () => {
  beforeEach(requireKubectl);

  it(`${SCOPES.length} credentials × ${PER_CREDENTIAL} generated questions agree with explainAccess (seed ${SEED})`, async () => {
    const rng = mulberry32(SEED);
    const disagreements: string[] = [];
    const answers = { yes: 0, no: 0 };
    for (const s of await subjects()) {
      const questions = Array.from({ length: PER_CREDENTIAL }, () => genQuestion(rng, s.target));
      const runs = await Promise.all(
        questions.map((q) => kubectl(s.token, s.path, ["auth", "can-i", ...q.args])),
      );
      questions.forEach((q, i) => {
        const run = runs[i]!;
        const expected = explainAccess(s.facts, { access: q.request });
        const said = run.stdout.trim().split(" ")[0];
        if (said === "yes") answers.yes++;
        if (said === "no") answers.no++;
        const agrees =
          expected.verdict === "allowed"
            ? said === "yes" && run.code === 0
            : said === "no" && run.code === 1;
        if (!agrees) {
          disagreements.push(
            `${s.label}: can-i ${q.args.join(" ")} → ${run.code} ${run.stdout.trim()} ${run.stderr.trim()}; explained ${expected.verdict} ${expected.check ?? ""}`,
          );
        }
      });
    }
    expect(disagreements).toEqual([]);
    expect(answers.yes + answers.no).toBeGreaterThanOrEqual(30);
    expect(answers.yes).toBeGreaterThan(3);
    expect(answers.no).toBeGreaterThan(3);
  });

  it("says why not", async () => {
    const token = await issueToken(
      t,
      { scope: { rules: [DISCOVERY, { verbs: ["get"] }] } },
      aliceKey,
    );
    const res = await kubectl(token, VC, ["auth", "can-i", "delete", "pods"]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^no - the token's scope does not allow delete on resource "pods"/);
    expect(res.stdout).toContain("verb delete is not in its verbs (get)");
    const mine = await kubectl(token, "/kubernetes/project/platform/virtualcluster/shared-tools", [
      "auth",
      "can-i",
      "get",
      "/version",
    ]);
    // alice only views project platform: her own rights refuse, whatever the scope says.
    expect(mine.stdout).toMatch(/^no - User "alice" cannot use virtual cluster shared-tools/);
  });

  it("--list shows the rules the scope grants in the namespace", async () => {
    const token = await issueToken(t, { scope: SCOPES[0]!.scope }, aliceKey);
    const inDefault = await kubectl(token, VC, ["auth", "can-i", "--list"]);
    expect(inDefault.code).toBe(0);
    const rows = (out: string) =>
      out
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.trim().split(/\s{2,}/));
    expect(rows(inDefault.stdout)).toEqual(
      expect.arrayContaining([
        ["pods", "[]", "[]", "[get list]"],
        ["configmaps", "[]", "[]", "[create]"],
        ["pods/log", "[]", "[]", "[create]"],
        ["selfsubjectaccessreviews.authorization.k8s.io", "[]", "[]", "[create]"],
        ["[/api*]", "[]", "[*]"],
      ]),
    );
    const inKubeSystem = await kubectl(token, VC, ["auth", "can-i", "--list", "-n", "kube-system"]);
    expect(inKubeSystem.code).toBe(0);
    expect(rows(inKubeSystem.stdout).map((r) => r[0])).not.toContain("pods");
    expect(rows(inKubeSystem.stdout).map((r) => r[0])).toContain("configmaps");
  });
});
