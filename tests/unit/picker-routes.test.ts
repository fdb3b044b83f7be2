import { beforeEach, describe, expect, it, vi } from "vitest";
import { clearPickerCache, pickerList, type FetchPage } from "@/lib/scope-builder/picker-routes";
import { matchItems, type PickerPage } from "@/lib/scope-builder/picker-items";
import type { ListQuery } from "@/lib/management/resources";
import { namespacePrefixOf } from "@/lib/management/resources";

/**
 * A Kubernetes-style list of `n` virtual clusters that pages with limit/continue and, like a real
 * platform, ignores every other parameter (there is no `search` here to lean on).
 */
function platformList(n: number, calls: ListQuery[] = []): FetchPage {
  const all = Array.from({ length: n }, (_, i) => ({
    metadata: { name: `vc-${String(i).padStart(5, "0")}` },
    spec: { displayName: i === 4242 ? "Payments Staging" : undefined },
    status: { phase: "Ready", canUse: i !== 7 },
  }));
  return async (q) => {
    calls.push(q);
    const start = q.continue ? Number(q.continue.slice(1)) : 0;
    const end = q.limit ? start + q.limit : all.length;
    const items = all.slice(start, end);
    return {
      items,
      metadata:
        end < all.length ? { continue: `k${end}`, remainingItemCount: all.length - end } : {},
    };
  };
}

const get = async (url: string, fetchPage: FetchPage, accessKey = "key-1") => {
  const response = await pickerList({
    request: new Request(`http://console.test${url}`),
    accessKey,
    list: "virtualclusterinstances:p-demo",
    fetchPage,
  });
  return { status: response.status, body: (await response.json()) as PickerPage };
};

beforeEach(() => clearPickerCache());

describe("picker lists over a platform without search", () => {
  it("without search text forwards one standard page and its continue key", async () => {
    const calls: ListQuery[] = [];
    const { body } = await get("/x", platformList(120, calls));
    expect(body.items).toHaveLength(50);
    expect(body.continue).toBe("k50");
    expect(body.remaining).toBe(70);
    expect(calls[0]).toEqual({ limit: 50, continue: undefined });
    const next = await get("/x?continue=k50", platformList(120));
    expect(next.body.items[0]!.name).toBe("vc-00050");
  });

  it("with search text filters the whole list itself, by name and display name", async () => {
    const fetchPage = platformList(10_000);
    const byName = await get("/x?search=vc-0999", fetchPage);
    expect(byName.body.items.map((i) => i.name)).toEqual([
      "vc-09990",
      "vc-09991",
      "vc-09992",
      "vc-09993",
      "vc-09994",
      "vc-09995",
      "vc-09996",
      "vc-09997",
      "vc-09998",
      "vc-09999",
    ]);
    const byDisplayName = await get("/x?search=payments%20stag", fetchPage);
    expect(byDisplayName.body.items.map((i) => i.name)).toEqual(["vc-04242"]);
  });

  it("pages search results with its own continue key and counts what remains", async () => {
    const fetchPage = platformList(300);
    const first = await get("/x?search=vc-00", fetchPage);
    expect(first.body.items).toHaveLength(50);
    expect(first.body.continue).toBe("o50");
    expect(first.body.remaining).toBe(250);
    const second = await get(`/x?search=vc-00&continue=${first.body.continue}`, fetchPage);
    expect(second.body.items[0]!.name).toBe("vc-00050");
    const bad = await get("/x?search=vc&continue=o-1", fetchPage);
    expect(bad.status).toBe(400);
  });

  it("reads the platform list once per user for a burst of keystrokes, not once per keystroke", async () => {
    const calls: ListQuery[] = [];
    const fetchPage = platformList(2_000, calls);
    for (const term of ["v", "vc", "vc-", "vc-0", "vc-01"])
      await get(`/x?search=${term}`, fetchPage);
    expect(calls).toHaveLength(4); // 2,000 items in pages of 500
    await get("/x?search=vc-01", fetchPage, "another-users-key");
    expect(calls).toHaveLength(8); // another user's rights may differ: their own read
  });

  it("reads the list again for a search that finds nothing in a list over a second old", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const names = ["alpha", "beta"];
      const calls: ListQuery[] = [];
      const fetchPage: FetchPage = async (q) => {
        calls.push(q);
        return { items: names.map((name) => ({ metadata: { name } })), metadata: {} };
      };
      const found = async (term: string) =>
        (await get(`/x?search=${term}`, fetchPage)).body.items.map((i) => i.name);
      expect(await found("alp")).toEqual(["alpha"]);
      // Created on the platform after the list was read.
      names.push("gamma");
      // Within the second: the list just read answers, misses included.
      expect(await found("gam")).toEqual([]);
      expect(calls).toHaveLength(1);
      vi.setSystemTime(Date.now() + 1_001);
      // A hit answers from the cache; a miss reads the list again and finds what is new.
      expect(await found("bet")).toEqual(["beta"]);
      expect(calls).toHaveLength(1);
      expect(await found("gam")).toEqual(["gamma"]);
      expect(calls).toHaveLength(2);
      // What matches nothing anywhere reads at most once a second.
      expect(await found("delta")).toEqual([]);
      expect(await found("delt")).toEqual([]);
      expect(calls).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps canUse from extended lists", async () => {
    const { body } = await get("/x?search=vc-00007", platformList(20));
    expect(body.items).toEqual([{ name: "vc-00007", phase: "Ready", canUse: false }]);
  });

  it("pages an answer that ignored limit itself", async () => {
    const unpaged: FetchPage = async () => ({
      items: Array.from({ length: 80 }, (_, i) => ({ metadata: { name: `p${i}` } })),
      metadata: {},
    });
    const { body } = await get("/x", unpaged);
    expect(body.items).toHaveLength(50);
    expect(body.continue).toBe("o50");
  });
});

describe("matchItems", () => {
  it("ranks exact, then prefix, then substring, then display-name matches", () => {
    const items = [
      { name: "a-dev" },
      { name: "dev-2" },
      { name: "x", displayName: "Dev box" },
      { name: "dev" },
    ];
    expect(matchItems(items, "DEV").map((i) => i.name)).toEqual(["dev", "dev-2", "a-dev", "x"]);
  });
});

describe("namespacePrefixOf (the official CLI's rule)", () => {
  it("uses the selves value whenever present, even empty; otherwise a v3 platform's loft-p-", () => {
    expect(namespacePrefixOf({ status: { projectNamespacePrefix: "p-" } })).toBe("p-");
    expect(namespacePrefixOf({ status: { projectNamespacePrefix: "" } })).toBe("");
    expect(namespacePrefixOf({ status: {} })).toBe("loft-p-");
    expect(namespacePrefixOf({ status: { projectNamespacePrefix: null } })).toBe("loft-p-");
  });
});
