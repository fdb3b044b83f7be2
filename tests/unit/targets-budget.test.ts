import { describe, expect, it } from "vitest";
import { MAX_PLATFORM_REQUESTS } from "@/lib/kubeconfig/budget";
import { DIRECT_ENDPOINT } from "@/lib/kubeconfig/endpoint";
import { resolveTargets } from "@/lib/kubeconfig/resolve";
import { entryRanges } from "@/lib/kubeconfig/scope-entries";
import type { OpenSource, SourceInstance } from "@/lib/kubeconfig/targets";
import type { AccessKeyScope } from "@/lib/scope/schema";

/**
 * What one resolution costs the platform: repeated scope entries are asked for once, every read is
 * made once, and no more than the budget of requests is made — with a note saying where it stopped.
 */
const LOCAL = { name: "loft-cluster", annotations: { [DIRECT_ENDPOINT]: "127.0.0.1:8443" } };
const vc = (name: string): SourceInstance => ({ name, cluster: LOCAL.name });

/** A platform in memory that counts every request, each page of a list included. */
function countingPlatform(options: { pagesPerList?: number } = {}) {
  const pages = options.pagesPerList ?? 1;
  const projects: Record<string, { virtualclusters: SourceInstance[]; spaces: SourceInstance[] }> =
    {
      default: { virtualclusters: [vc("dev"), vc("preview")], spaces: [vc("ops")] },
      payments: { virtualclusters: [vc("checkout")], spaces: [] },
      web: { virtualclusters: [], spaces: [vc("site")] },
    };
  /** Requests made, by what they read. */
  const reads = new Map<string, number>();
  let requests = 0;
  const notFound = () => Object.assign(new Error("HTTP 404"), { code: 404 });
  const open: OpenSource = (budget) => {
    const request = (read: string, count = 1) => {
      for (let i = 0; i < count; i++) {
        budget.spend();
        requests++;
      }
      reads.set(read, (reads.get(read) ?? 0) + 1);
    };
    return {
      async getInstance(kind, project, name) {
        request(`get ${kind} ${project}/${name}`);
        const found = projects[project]?.[kind].find((i) => i.name === name);
        if (!found) throw notFound();
        return found;
      },
      async listInstances(kind, project) {
        request(`list ${kind} ${project}`, pages);
        const items = projects[project]?.[kind];
        if (!items) throw notFound();
        return { items, truncated: false };
      },
      async listProjects() {
        request("list projects", pages);
        return { names: Object.keys(projects), truncated: false };
      },
      async projectClusters(project) {
        request(`clusters of ${project}`);
        return [LOCAL];
      },
      async allClusters() {
        request("list clusters", pages);
        return { clusters: [LOCAL], truncated: false };
      },
      async getCluster(name) {
        request(`get cluster ${name}`);
        return name === LOCAL.name ? LOCAL : undefined;
      },
    };
  };
  return { open, reads, requests: () => requests };
}

const times = <T>(n: number, entry: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => entry(i));
const secure = { platformInsecure: false };

describe("one resolution reads each thing once", () => {
  it("repeated entries are asked for once, and each target names every entry that reaches it", async () => {
    const platform = countingPlatform();
    const scope: AccessKeyScope = {
      projects: [{ project: "*" }, { project: "*" }, { project: "*" }, { project: "default" }],
      virtualClusters: [
        { project: "default", virtualCluster: "dev" },
        { project: "default", virtualCluster: "dev" },
        { project: "default", virtualCluster: "*" },
      ],
      spaces: [
        { project: "default", space: "ops" },
        { project: "default", space: "ops" },
      ],
      clusters: [{ cluster: "*" }, { cluster: "*" }, { cluster: "loft-cluster" }],
    };
    const r = await resolveTargets(scope, platform.open, secure);

    expect([...platform.reads.values()].every((n) => n === 1)).toBe(true);
    expect([...platform.reads.keys()].sort()).toEqual([
      "clusters of default",
      "clusters of payments",
      "clusters of web",
      "get cluster loft-cluster",
      "get spaces default/ops",
      "get virtualclusters default/dev",
      "list clusters",
      "list projects",
      "list spaces default",
      "list spaces payments",
      "list spaces web",
      "list virtualclusters default",
      "list virtualclusters payments",
      "list virtualclusters web",
    ]);
    const byId = new Map(r.targets.map((t) => [t.id, t]));
    const dev = byId.get("virtualcluster:default/dev")!;
    expect([...dev.from].sort()).toEqual([
      "projects[0]",
      "projects[1]",
      "projects[2]",
      "projects[3]",
      "virtualClusters[0]",
      "virtualClusters[1]",
      "virtualClusters[2]",
    ]);
    expect(dev.wildcard).toBeUndefined();
    expect(dev.endpoint?.server).toContain("/kubernetes/project/default/virtualcluster/dev");
    expect([...byId.get("cluster:loft-cluster")!.from].sort()).toEqual([
      "clusters[0]",
      "clusters[1]",
      "clusters[2]",
    ]);
    expect(byId.get("virtualcluster:payments/checkout")!.wildcard?.entry).toBe("projects[0]");
    expect(r.budget).toEqual({
      limit: MAX_PLATFORM_REQUESTS,
      used: platform.requests(),
      exhausted: false,
    });
    expect(r.truncated).toBe(false);
    expect(r.notes).toEqual([]);
  });
});

describe("a budget of platform requests per resolution", () => {
  it("the finding's scope (256 of each) makes at most the budget of requests and says where it stopped", async () => {
    const platform = countingPlatform();
    const scope: AccessKeyScope = {
      projects: times(256, () => ({ project: "*" })),
      clusters: times(256, () => ({ cluster: "*" })),
      spaces: times(256, (i) => ({ project: "default", space: `space-${i}` })),
      virtualClusters: times(256, (i) => ({ project: "default", virtualCluster: `vc-${i}` })),
    };
    const r = await resolveTargets(scope, platform.open, { ...secure, maxTargets: 1000 });

    expect(platform.requests()).toBe(MAX_PLATFORM_REQUESTS);
    expect(r.budget).toMatchObject({
      limit: MAX_PLATFORM_REQUESTS,
      used: MAX_PLATFORM_REQUESTS,
      exhausted: true,
    });
    expect([...platform.reads.values()].every((n) => n === 1)).toBe(true);
    expect(r.truncated).toBe(true);
    const note = r.budget.note!;
    expect(r.notes).toContain(note);
    expect(note).toMatch(/^Stopped after 300 platform requests/);
    // Nothing is dropped in silence: entries not read are named in the note (entries are looked
    // up in scope order: the 300 requests went to the 256 virtual clusters and 44 spaces)...
    expect(note).toContain(
      "Not resolved, in whole or in part: spaces[44–255], projects[0–255], clusters[0–255].",
    );
    expect(note).toContain("Not listed: the project list; the cluster list.");
    // ...and every named entry is a target: looked up, or listed as not resolved.
    const named = r.targets.filter((t) => !t.wildcard);
    expect(named).toHaveLength(512);
    const unread = named.filter((t) => t.problem?.reason === "not-resolved");
    expect(unread).toHaveLength(512 - MAX_PLATFORM_REQUESTS);
    expect(unread.every((t) => t.kind === "space")).toBe(true);
    expect(unread[0]!.problem!.message).toMatch(/was not looked up: the listing stopped after 300/);
  });

  it("every page of a list counts; a small budget (ResolveOptions.maxRequests) stops the listing", async () => {
    const platform = countingPlatform({ pagesPerList: 3 });
    const r = await resolveTargets({ projects: [{ project: "*" }] }, platform.open, {
      ...secure,
      maxRequests: 10,
    });
    expect(platform.requests()).toBe(10);
    expect(r.budget).toMatchObject({ limit: 10, used: 10, exhausted: true });
    expect(r.truncated).toBe(true);
    expect(r.budget.note).toMatch(/^Stopped after 10 platform requests/);
    expect(r.budget.note).toContain("Not resolved, in whole or in part: projects[0].");
    expect(r.budget.note).toMatch(/Not listed: the (spaces|virtual clusters) of project /);
  });

  it("targets listed before the budget ran out but whose cluster was not read say so", async () => {
    const platform = countingPlatform();
    // list projects, then 2 lists per project (3 projects): 7 requests; clusters of a project: 1 each.
    const r = await resolveTargets({ projects: [{ project: "*" }] }, platform.open, {
      ...secure,
      maxRequests: 8,
    });
    const unread = r.targets.filter((t) => t.problem?.reason === "not-resolved");
    expect(unread.length).toBeGreaterThan(0);
    expect(unread[0]!.problem!.message).toMatch(/direct endpoint was not read/);
    expect(r.budget.note).toMatch(
      new RegExp(`The direct endpoint of ${unread.length} listed targets? (was|were) not read\\.`),
    );
  });
});

describe("entry labels in short", () => {
  it("ranges per list, in scope order; labels that are no entry are left out", () => {
    expect(
      entryRanges([
        "spaces[3]",
        "projects[0]",
        "spaces[1]",
        "spaces[2]",
        "spaces[7]",
        "unrestricted token",
        "virtualClusters[0]",
      ]),
    ).toBe("virtualClusters[0], spaces[1–3, 7], projects[0]");
  });
});
