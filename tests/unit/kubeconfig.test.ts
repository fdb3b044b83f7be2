import { assert, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  authorizationHeader,
  contextNames,
  curlExample,
  exportLine,
  kubeconfigText,
  usable,
  type Kubeconfig,
} from "@/lib/kubeconfig/assemble";
import {
  DIRECT_ENDPOINT,
  DIRECT_ENDPOINT_CA_DATA,
  DIRECT_ENDPOINT_INSECURE,
  directBase,
  directEndpoint,
} from "@/lib/kubeconfig/endpoint";
import { resolveTargets } from "@/lib/kubeconfig/resolve";
import type {
  OpenSource,
  SourceCluster,
  SourceInstance,
  TargetSource,
} from "@/lib/kubeconfig/targets";

const CA = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").toString(
  "base64",
);
const secure = { platformInsecure: false };
const vc = { kind: "virtualcluster" as const, project: "default", name: "dev" };
const space = { kind: "space" as const, project: "default", name: "team" };
const cluster = { kind: "cluster" as const, name: "eu" };
const annotated = (a: Record<string, string>) => ({ name: "loft-cluster", annotations: a });

describe("direct endpoint URLs, as the CLI builds them", () => {
  it("adds https:// when missing and trims one trailing slash", () => {
    expect(directBase("127.0.0.1:8443")).toBe("https://127.0.0.1:8443");
    expect(directBase("https://dce.example.com/")).toBe("https://dce.example.com");
    expect(directBase("dce.example.com//")).toBe("https://dce.example.com/");
    // Like the CLI, an http:// value is not turned into plain HTTP.
    expect(directBase("http://x")).toBe("https://http://x");
  });

  it("paths: virtual cluster and space by project and name, cluster without a name", () => {
    const c = annotated({ [DIRECT_ENDPOINT]: "127.0.0.1:8443" });
    const url = (t: Parameters<typeof directEndpoint>[0]) => {
      const r = directEndpoint(t, c, secure);
      return r.ok ? r.endpoint.server : r.reason;
    };
    expect(url(vc)).toBe("https://127.0.0.1:8443/kubernetes/project/default/virtualcluster/dev");
    expect(url(space)).toBe("https://127.0.0.1:8443/kubernetes/project/default/space/team");
    expect(url(cluster)).toBe("https://127.0.0.1:8443/kubernetes/cluster");
  });

  it("without the annotation: no endpoint, with a reason naming the cluster", () => {
    const cases: (Record<string, string> | undefined)[] = [
      undefined,
      {},
      { [DIRECT_ENDPOINT]: "" },
    ];
    for (const annotations of cases) {
      expect(directEndpoint(vc, { name: "eu-west-1", annotations }, secure)).toMatchObject({
        ok: false,
        reason: "no-direct-endpoint",
        message: expect.stringContaining("eu-west-1 has no direct endpoint"),
      });
    }
  });

  it("CA data is passed on as standard base64; anything else is refused with a reason", () => {
    const r = directEndpoint(
      vc,
      annotated({ [DIRECT_ENDPOINT]: "h", [DIRECT_ENDPOINT_CA_DATA]: CA }),
      secure,
    );
    expect(r.ok && r.endpoint.certificateAuthorityData).toBe(CA);
    const bad = directEndpoint(
      vc,
      annotated({ [DIRECT_ENDPOINT]: "h", [DIRECT_ENDPOINT_CA_DATA]: "a-b_c" }),
      secure,
    );
    expect(bad.ok ? "ok" : bad.reason).toBe("invalid-ca");
  });

  it("insecure: the annotation decides for spaces and clusters; a virtual cluster stays insecure when the login is", () => {
    const insecureOf = (
      t: Parameters<typeof directEndpoint>[0],
      annotation: string | undefined,
      platformInsecure: boolean,
    ) => {
      const a: Record<string, string> = { [DIRECT_ENDPOINT]: "h" };
      if (annotation !== undefined) a[DIRECT_ENDPOINT_INSECURE] = annotation;
      const r = directEndpoint(t, annotated(a), { platformInsecure });
      // A refusal must not read as "not insecure" (false): there has to be an endpoint.
      expect(r).toMatchObject({ ok: true });
      assert(r.ok);
      return r.endpoint.insecureSkipTlsVerify;
    };
    expect(insecureOf(vc, "true", false)).toBe(true);
    expect(insecureOf(vc, "false", false)).toBe(false);
    expect(insecureOf(vc, undefined, true)).toBe(true);
    expect(insecureOf(vc, "false", true)).toBe(true);
    expect(insecureOf(space, "true", false)).toBe(true);
    expect(insecureOf(space, undefined, true)).toBe(false);
    expect(insecureOf(cluster, "false", true)).toBe(false);
    expect(insecureOf(cluster, "TRUE", false)).toBe(false);
  });
});

/** A platform in memory: instances per project, clusters, and which reads are refused. */
function fakeSource(opts: {
  vcs?: Record<string, SourceInstance[]>;
  spaces?: Record<string, SourceInstance[]>;
  clusters: SourceCluster[];
  clusterAdmin?: boolean;
  forbiddenProjects?: string[];
}): TargetSource & { calls: string[] } {
  const calls: string[] = [];
  const refuse = (code: number) => Object.assign(new Error(`HTTP ${code}`), { code });
  const check = (project: string) => {
    if (opts.forbiddenProjects?.includes(project)) throw refuse(403);
  };
  const pick = (kind: "virtualclusters" | "spaces") =>
    (kind === "spaces" ? opts.spaces : opts.vcs) ?? {};
  return {
    calls,
    async getInstance(kind, project, name) {
      calls.push(`get ${kind} ${project}/${name}`);
      check(project);
      const found = pick(kind)[project]?.find((i) => i.name === name);
      if (!found) throw refuse(404);
      return found;
    },
    async listInstances(kind, project) {
      calls.push(`list ${kind} ${project}`);
      check(project);
      return { items: pick(kind)[project] ?? [], truncated: false };
    },
    async listProjects() {
      return {
        names: [...new Set([...Object.keys(opts.vcs ?? {}), ...Object.keys(opts.spaces ?? {})])],
        truncated: false,
      };
    },
    async projectClusters(project) {
      calls.push(`projectClusters ${project}`);
      check(project);
      return opts.clusters;
    },
    async allClusters() {
      return { clusters: opts.clusters, truncated: false };
    },
    async getCluster(name) {
      return opts.clusters.find((c) => c.name === name);
    },
  };
}

/** The resolver opens its source per resolution; a fake is the same source every time. */
const opened =
  (source: TargetSource): OpenSource =>
  () =>
    source;

const LOCAL = {
  name: "loft-cluster",
  annotations: { [DIRECT_ENDPOINT]: "127.0.0.1:8443", [DIRECT_ENDPOINT_CA_DATA]: CA },
};
const EU = { name: "eu-west-1", annotations: {} };
const platform = () =>
  fakeSource({
    vcs: {
      default: [
        { name: "dev-vcluster", cluster: "loft-cluster", displayName: "Dev" },
        { name: "preview", cluster: "loft-cluster" },
        { name: "far", cluster: "eu-west-1" },
      ],
    },
    spaces: { default: [{ name: "dev", cluster: "loft-cluster", namespace: "ns-dev" }] },
    clusters: [LOCAL, EU],
  });
const NOW = new Date("2026-11-29T22:10:00Z");

describe("resolving a scope into targets", () => {
  it("a named virtual cluster plus clusters: one usable, eu-west-1 listed with its reason", async () => {
    const r = await resolveTargets(
      {
        virtualClusters: [{ project: "default", virtualCluster: "dev-vcluster" }],
        clusters: [{ cluster: "eu-west-1" }],
      },
      opened(platform()),
      { platformInsecure: false, now: NOW },
    );
    expect(r.unrestricted).toBe(false);
    expect(r.targets.map((t) => [t.id, t.endpoint?.server ?? t.problem?.reason])).toEqual([
      [
        "virtualcluster:default/dev-vcluster",
        "https://127.0.0.1:8443/kubernetes/project/default/virtualcluster/dev-vcluster",
      ],
      ["cluster:eu-west-1", "no-direct-endpoint"],
    ]);
    expect(r.targets[0]!.wildcard).toBeUndefined();
    expect(r.targets[0]!.endpoint!.certificateAuthorityData).toBe(CA);
  });

  it("* is expanded by listing and marked as a snapshot; a named entry for the same target is not", async () => {
    const r = await resolveTargets(
      {
        virtualClusters: [
          { project: "default", virtualCluster: "*" },
          { project: "default", virtualCluster: "preview" },
        ],
      },
      opened(platform()),
      { platformInsecure: false, now: NOW },
    );
    const byId = Object.fromEntries(r.targets.map((t) => [t.id, t]));
    expect(Object.keys(byId).sort()).toEqual([
      "virtualcluster:default/dev-vcluster",
      "virtualcluster:default/far",
      "virtualcluster:default/preview",
    ]);
    expect(byId["virtualcluster:default/dev-vcluster"]!.wildcard).toEqual({
      entry: "virtualClusters[0]",
      at: NOW.toISOString(),
    });
    expect(byId["virtualcluster:default/preview"]!.wildcard).toBeUndefined();
    expect(byId["virtualcluster:default/preview"]!.from).toEqual([
      "virtualClusters[0]",
      "virtualClusters[1]",
    ]);
    expect(byId["virtualcluster:default/far"]!.problem?.reason).toBe("no-direct-endpoint");
  });

  it("a project entry reaches its spaces and virtual clusters (a snapshot); the space keeps its namespace", async () => {
    const r = await resolveTargets({ projects: [{ project: "default" }] }, opened(platform()), {
      platformInsecure: false,
      now: NOW,
    });
    const spaceTarget = r.targets.find((t) => t.kind === "space")!;
    expect(spaceTarget.endpoint?.server).toBe(
      "https://127.0.0.1:8443/kubernetes/project/default/space/dev",
    );
    expect(spaceTarget.namespace).toBe("ns-dev");
    expect(r.targets.every((t) => t.wildcard?.entry === "projects[0]")).toBe(true);
  });

  it("targets that do not exist or cannot be read are listed with the reason, not dropped", async () => {
    const source = fakeSource({
      vcs: { default: [] },
      clusters: [LOCAL],
      forbiddenProjects: ["secret"],
    });
    const r = await resolveTargets(
      {
        virtualClusters: [
          { project: "default", virtualCluster: "gone" },
          { project: "secret", virtualCluster: "x" },
        ],
        clusters: [{ cluster: "nowhere" }],
      },
      opened(source),
      { platformInsecure: false, now: NOW },
    );
    expect(Object.fromEntries(r.targets.map((t) => [t.id, t.problem?.reason]))).toEqual({
      "virtualcluster:default/gone": "not-found",
      "virtualcluster:secret/x": "forbidden",
      "cluster:nowhere": "not-found",
    });
    expect(usable(r.targets)).toEqual([]);
  });

  it("an unrestricted token lists what the user can see; an empty scope reaches nothing; roles are explained", async () => {
    const all = await resolveTargets(undefined, opened(platform()), {
      platformInsecure: false,
      now: NOW,
    });
    expect(all.unrestricted).toBe(true);
    expect(all.targets.map((t) => t.id)).toContain("cluster:loft-cluster");
    expect(all.targets.every((t) => t.wildcard?.entry === "unrestricted token")).toBe(true);
    const none = await resolveTargets({}, opened(platform()), {
      platformInsecure: false,
      now: NOW,
    });
    expect(none.targets).toEqual([]);
    const roles = await resolveTargets({ roles: [{ role: "loft-cli" }] }, opened(platform()), {
      platformInsecure: false,
    });
    expect(roles.notes.join(" ")).toContain("Roles are not turned into targets");
  });

  it("bounded: beyond maxTargets the result says it is truncated", async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      name: `vc-${i}`,
      cluster: "loft-cluster",
    }));
    const r = await resolveTargets(
      { virtualClusters: [{ project: "big", virtualCluster: "*" }] },
      opened(fakeSource({ vcs: { big: many }, clusters: [LOCAL] })),
      { platformInsecure: false, maxTargets: 10 },
    );
    expect(r.targets).toHaveLength(10);
    expect(r.truncated).toBe(true);
  });

  it("server errors other than 403/404 are not hidden as target reasons", async () => {
    const source = platform();
    source.getInstance = async () => {
      throw Object.assign(new Error("platform down"), { code: 503 });
    };
    await expect(
      resolveTargets(
        { virtualClusters: [{ project: "default", virtualCluster: "dev" }] },
        opened(source),
        {
          platformInsecure: false,
        },
      ),
    ).rejects.toThrow("platform down");
  });
});

describe("the kubeconfig assembled in the browser", () => {
  const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2ln";

  it("one cluster and context per usable target, one user with the token; parses back", async () => {
    const r = await resolveTargets(
      {
        virtualClusters: [{ project: "default", virtualCluster: "*" }],
        spaces: [{ project: "default", space: "dev" }],
        clusters: [{ cluster: "*" }],
      },
      opened(platform()),
      { platformInsecure: false, now: NOW },
    );
    const text = kubeconfigText(r.targets, TOKEN, { generatedAt: NOW.toISOString() });
    const config = parse(text) as Kubeconfig;
    expect(config.apiVersion).toBe("v1");
    expect(config.kind).toBe("Config");
    expect(config.users).toEqual([{ name: "dce-token", user: { token: TOKEN } }]);
    const names = config.contexts.map((c) => c.name);
    expect(names).toEqual([
      "dce_space_default_dev",
      "dce_vcluster_default_dev-vcluster",
      "dce_vcluster_default_preview",
      "dce_cluster_loft-cluster",
    ]);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    expect(config["current-context"]).toBe("dce_space_default_dev");
    expect(config.clusters.map((c) => c.name)).toEqual(names);
    for (const c of config.contexts)
      expect(config.clusters.some((k) => k.name === c.context.cluster)).toBe(true);
    expect(config.contexts[0]!.context).toEqual({
      cluster: "dce_space_default_dev",
      user: "dce-token",
      namespace: "ns-dev",
    });
    expect(config.clusters[3]!.cluster).toEqual({
      server: "https://127.0.0.1:8443/kubernetes/cluster",
      "certificate-authority-data": CA,
    });
    // eu-west-1 (no direct endpoint) and the VC on it are not in the file.
    expect(text).not.toContain("eu-west-1");
    expect(text).not.toContain("/far");
    // Wildcard contexts carry a comment with the snapshot date; named ones do not.
    expect(text).toContain("# wildcard snapshot of 2026-11-29 22:10 UTC (from virtualClusters[0])");
    expect(text.match(/# wildcard snapshot of/g)).toHaveLength(3);
  });

  it("insecure clusters get insecure-skip-tls-verify and no CA (kubectl refuses both)", () => {
    const target = {
      id: "cluster:x",
      kind: "cluster" as const,
      name: "x",
      from: ["clusters[0]"],
      endpoint: {
        server: "https://h/kubernetes/cluster",
        insecureSkipTlsVerify: true,
        certificateAuthorityData: CA,
      },
    };
    const config = parse(
      kubeconfigText([target], TOKEN, { generatedAt: NOW.toISOString() }),
    ) as Kubeconfig;
    expect(config.clusters[0]!.cluster).toEqual({
      server: "https://h/kubernetes/cluster",
      "insecure-skip-tls-verify": true,
    });
    expect(curlExample(target)).toBe(
      `curl -k -H "Authorization: Bearer $DCE_TOKEN" 'https://h/kubernetes/cluster/version'`,
    );
  });

  it("names stay unique; header, export and curl lines", () => {
    const t = (id: string, name: string) => ({ id, kind: "cluster" as const, name, from: [] });
    expect(contextNames([t("a", "x"), t("b", "x"), t("c", "x")])).toEqual([
      "dce_cluster_x",
      "dce_cluster_x-2",
      "dce_cluster_x-3",
    ]);
    expect(authorizationHeader(TOKEN)).toBe(`Authorization: Bearer ${TOKEN}`);
    expect(exportLine(TOKEN)).toBe(`export DCE_TOKEN='${TOKEN}'`);
    const withCa = {
      ...t("v", "v"),
      endpoint: {
        server: "https://h/kubernetes/cluster",
        insecureSkipTlsVerify: false,
        certificateAuthorityData: CA,
      },
    };
    expect(curlExample(withCa)).toBe(
      `curl --cacert <(echo '${CA}' | base64 -d) -H "Authorization: Bearer $DCE_TOKEN" 'https://h/kubernetes/cluster/version'`,
    );
    expect(curlExample(withCa)).not.toContain(TOKEN);
  });

  it("no usable target: an empty kubeconfig without contexts", () => {
    const config = parse(
      kubeconfigText([], TOKEN, { generatedAt: NOW.toISOString() }),
    ) as Kubeconfig;
    expect(config.contexts).toEqual([]);
    expect(config["current-context"]).toBe("");
  });
});
