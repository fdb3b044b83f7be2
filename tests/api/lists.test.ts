import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkCreateVirtualClusters } from "@/lib/local-platform";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

const VCS = `${API_PREFIX}/namespaces/p-lists/virtualclusterinstances`;
const v1 = "management.loft.sh/v1";

let t: TestPlatform;
const LABELS: Array<Record<string, string>> = [];

beforeAll(async () => {
  t = await startTestPlatform();
  await t.call("POST", `${API_PREFIX}/projects`, {
    body: {
      apiVersion: v1,
      kind: "Project",
      metadata: { name: "lists" },
      spec: { displayName: "Lists" },
    },
  });
  const envs = ["dev", "prod", "staging"];
  for (let i = 0; i < 23; i++) {
    const labels: Record<string, string> = { env: envs[i % 3]! };
    if (i % 4 === 0) labels.tier = "gold";
    LABELS.push(labels);
    const res = await t.call("POST", VCS, {
      body: {
        apiVersion: v1,
        kind: "VirtualClusterInstance",
        // Created out of name order on purpose.
        metadata: { name: `vc-${String((i * 7) % 23).padStart(2, "0")}`, labels },
        spec: { displayName: i === 5 ? "Checkout Service" : `Cluster ${i}` },
      },
    });
    expect(res.status).toBe(201);
  }
});
afterAll(() => t.close());

const names = (body: { items: Array<{ metadata: { name: string } }> }) =>
  body.items.map((i) => i.metadata.name);
const all = Array.from({ length: 23 }, (_, i) => `vc-${String(i).padStart(2, "0")}`);

async function pages(url: string, limit: number) {
  const seen: string[] = [];
  let cont: string | undefined;
  let requests = 0;
  do {
    const sep = url.includes("?") ? "&" : "?";
    const res = await t.call("GET", `${url}${sep}limit=${limit}${cont ? `&continue=${cont}` : ""}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...names(res.body));
    cont = res.body.metadata.continue;
    requests++;
  } while (cont && requests < 10_000);
  return { seen, requests };
}

describe("lists", () => {
  it("returns a typed list with a resourceVersion", async () => {
    const res = await t.call("GET", VCS);
    expect(res.body).toMatchObject({ kind: "VirtualClusterInstanceList", apiVersion: v1 });
    expect(res.body.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(names(res.body)).toEqual(all);
    expect(res.body.metadata.continue).toBeUndefined();
  });

  it("pages with limit/continue: each item exactly once, stable order, remainingItemCount", async () => {
    const first = await t.call("GET", `${VCS}?limit=5`);
    expect(names(first.body)).toEqual(all.slice(0, 5));
    expect(first.body.metadata.remainingItemCount).toBe(18);
    const { seen, requests } = await pages(VCS, 5);
    expect(seen).toEqual(all);
    expect(requests).toBe(5);
  });

  it("pages stay exact while items are added behind and ahead of the cursor", async () => {
    const create = (name: string) =>
      t.call("POST", VCS, {
        body: { apiVersion: v1, kind: "VirtualClusterInstance", metadata: { name } },
      });
    const first = await t.call("GET", `${VCS}?limit=10`);
    await create("vc-00a"); // behind the cursor: not on later pages
    await create("vc-99"); // ahead of the cursor: on a later page
    try {
      const second = await t.call(
        "GET",
        `${VCS}?limit=100&continue=${first.body.metadata.continue}`,
      );
      expect([...names(first.body), ...names(second.body)]).toEqual([...all, "vc-99"]);
    } finally {
      await t.call("DELETE", `${VCS}/vc-00a`);
      await t.call("DELETE", `${VCS}/vc-99`);
    }
  });

  it.each([
    ["env=dev", (l: Record<string, string>) => l.env === "dev"],
    ["env==prod", (l: Record<string, string>) => l.env === "prod"],
    ["env!=dev", (l: Record<string, string>) => l.env !== "dev"],
    [
      "env in (dev, staging)",
      (l: Record<string, string>) => l.env === "dev" || l.env === "staging",
    ],
    ["env notin (dev)", (l: Record<string, string>) => l.env !== "dev"],
    ["tier", (l: Record<string, string>) => "tier" in l],
    ["!tier", (l: Record<string, string>) => !("tier" in l)],
    ["tier,env=prod", (l: Record<string, string>) => "tier" in l && l.env === "prod"],
    ["tier!=gold", (l: Record<string, string>) => l.tier !== "gold"],
  ])("labelSelector %s", async (selector, predicate) => {
    const expected = LABELS.map(
      (l, i) => [`vc-${String((i * 7) % 23).padStart(2, "0")}`, l] as const,
    )
      .filter(([, l]) => predicate(l))
      .map(([n]) => n)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const res = await t.call("GET", `${VCS}?labelSelector=${encodeURIComponent(selector)}`);
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(expected);
    // And chunked, with the selector applied on every page.
    expect((await pages(`${VCS}?labelSelector=${encodeURIComponent(selector)}`, 2)).seen).toEqual(
      expected,
    );
  });

  it("fieldSelector metadata.name (exact) and metadata.namespace", async () => {
    const one = await t.call("GET", `${VCS}?fieldSelector=metadata.name%3Dvc-07`);
    expect(names(one.body)).toEqual(["vc-07"]);
    const none = await t.call("GET", `${VCS}?fieldSelector=metadata.name%3Dvc-0`);
    expect(names(none.body)).toEqual([]);
    const not = await t.call("GET", `${VCS}?fieldSelector=metadata.name!%3Dvc-07`);
    expect(names(not.body)).toHaveLength(22);
    const ns = await t.call(
      "GET",
      `${API_PREFIX}/virtualclusterinstances?fieldSelector=metadata.namespace%3Dp-lists`,
    );
    expect(names(ns.body)).toEqual(all);
    const projects = await t.call(
      "GET",
      `${API_PREFIX}/projects?fieldSelector=metadata.name==lists`,
    );
    expect(names(projects.body)).toEqual(["lists"]);
  });

  it("search: case-insensitive substring of name or display name, wildcards literal", async () => {
    expect(names((await t.call("GET", `${VCS}?search=CHECKOUT`)).body)).toEqual(["vc-12"]);
    expect(names((await t.call("GET", `${VCS}?search=vc-1`)).body)).toEqual(
      all.filter((n) => n.startsWith("vc-1")),
    );
    expect(names((await t.call("GET", `${VCS}?search=%25`)).body)).toEqual([]);
    expect(names((await t.call("GET", `${VCS}?search=_`)).body)).toEqual([]);
    const projects = await t.call("GET", `${API_PREFIX}/projects?search=payMENTS`);
    expect(names(projects.body)).toEqual(["payments"]);
  });
});

describe("10,000 virtual clusters in one project", () => {
  const BIG = `${API_PREFIX}/namespaces/p-big/virtualclusterinstances`;
  beforeAll(async () => {
    await t.call("POST", `${API_PREFIX}/projects`, {
      body: { apiVersion: v1, kind: "Project", metadata: { name: "big" } },
    });
    bulkCreateVirtualClusters(t.dataDir, "big", 10_000);
  });

  it("pages through all of them exactly once", async () => {
    const { seen, requests } = await pages(BIG, 500);
    expect(requests).toBe(20);
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen).size).toBe(10_000);
    expect(seen).toEqual([...seen].sort());
  });

  it("serves a 50-item page, a deep page and a search (latency logged, not asserted)", async () => {
    const timings: Record<string, number[]> = { page: [], deepPage: [], search: [], selector: [] };
    const time = async (what: string, url: string) => {
      const start = performance.now();
      const res = await t.call("GET", url);
      timings[what]!.push(performance.now() - start);
      return res;
    };
    const deep = (await t.call("GET", `${BIG}?limit=9950`)).body.metadata.continue;
    for (let i = 0; i < 20; i++) {
      const page = await time("page", `${BIG}?limit=50`);
      expect(page.body.items).toHaveLength(50);
      expect(page.body.metadata.remainingItemCount).toBe(9950);
      const last = await time("deepPage", `${BIG}?limit=50&continue=${deep}`);
      expect(names(last.body)[49]).toBe("vc-09999");
      const found = await time("search", `${BIG}?limit=50&search=VIRTUAL%20CLUSTER%209876`);
      expect(names(found.body)).toEqual(["vc-09876"]);
      const selected = await time("selector", `${BIG}?limit=50&labelSelector=index%3D7`);
      expect(selected.body.items).toHaveLength(50);
    }
    const p50 = (xs: number[]) =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
    console.log(
      `10k list latency p50 (ms, over HTTP): page ${p50(timings.page!)}, deep page ${p50(timings.deepPage!)}, search ${p50(timings.search!)}, label selector ${p50(timings.selector!)}`,
    );
  });
});
