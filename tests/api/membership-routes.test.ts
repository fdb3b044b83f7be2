import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTokenAudit } from "@/lib/local-platform";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

/**
 * A non-admin member of project A only, made through the API as the admin, tries every route that
 * could list, read or issue for project B. membership.test.ts covers the basics (projects list,
 * GET project, p-B virtual-cluster list, a virtual-cluster token); this covers the other routes.
 */
const v1 = "management.loft.sh/v1";
const TOKENS = `${API_PREFIX}/directclusterendpointtokens`;
const A = "alpha-team";
const B = "bravo-team";

let t: TestPlatform;
let key: string;
const names = (body: { items: Array<{ metadata: { name: string } }> }) =>
  body.items.map((i) => i.metadata.name).sort();
const namespaces = (body: { items: Array<{ metadata: { namespace?: string } }> }) => [
  ...new Set(body.items.map((i) => i.metadata.namespace)),
];
const as = (method: string, path: string, body?: unknown) =>
  t.call(method, `${API_PREFIX}${path}`, { key, body });

async function create(path: string, kind: string, name: string, spec: unknown = {}) {
  const res = await t.call("POST", `${API_PREFIX}${path}`, {
    body: { apiVersion: v1, kind, metadata: { name }, spec },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  t = await startTestPlatform();
  await create("/users", "User", "mallory", { displayName: "Mallory" });
  await create("/projects", "Project", A, { members: [{ kind: "User", name: "mallory" }] });
  await create("/projects", "Project", B, { members: [{ kind: "User", name: "admin" }] });
  for (const [project, suffix] of [
    [A, "a"],
    [B, "b"],
  ] as const) {
    await create(`/namespaces/p-${project}/spaceinstances`, "SpaceInstance", `space-${suffix}`);
    await create(
      `/namespaces/p-${project}/virtualclusterinstances`,
      "VirtualClusterInstance",
      `vc-${suffix}`,
    );
  }
  const created = await t.call("POST", `${API_PREFIX}/ownedaccesskeys`, {
    body: {
      apiVersion: v1,
      kind: "OwnedAccessKey",
      metadata: { name: "mallory-key" },
      spec: { user: "mallory" },
    },
  });
  expect(created.status).toBe(201);
  key = created.body.spec.key;
});
afterAll(() => t.close());

describe("a member of project A only", () => {
  it("does not find B in the project list by name, search, selector or paging", async () => {
    expect(names((await as("GET", "/projects")).body)).toEqual([A]);
    for (const query of [
      `fieldSelector=metadata.name%3D${B}`,
      `search=${B.slice(0, 5)}`,
      "search=team",
      "limit=1",
      "labelSelector=",
    ]) {
      const res = await as("GET", `/projects?${query}`);
      expect(res.status, query).toBe(200);
      expect(names(res.body), query).not.toContain(B);
    }
    // A forged continue key that starts right before B does not reveal it either.
    const forged = Buffer.from(JSON.stringify({ v: 1, r: "projects", ns: "", n: "b" })).toString(
      "base64url",
    );
    const after = await as("GET", `/projects?continue=${forged}`);
    expect(after.status).toBe(200);
    expect(names(after.body)).not.toContain(B);
    expect(after.body.metadata.remainingItemCount).toBeUndefined();
  });

  it("gets 403 for B itself and for names that do not exist in B (no existence oracle)", async () => {
    for (const path of [`/projects/${B}`, "/projects/does-not-exist"]) {
      const res = await as("GET", path);
      expect(res.status, path).toBe(403);
      expect(res.body.reason).toBe("Forbidden");
    }
  });

  it("gets 403 listing or reading B's spaces and virtual clusters", async () => {
    for (const plural of ["spaceinstances", "virtualclusterinstances"]) {
      const ns = `/namespaces/p-${B}/${plural}`;
      for (const path of [
        ns,
        `${ns}?limit=1`,
        `${ns}?search=b`,
        `${ns}/${plural === "spaceinstances" ? "space-b" : "vc-b"}`,
        `${ns}/no-such`,
      ]) {
        const res = await as("GET", path);
        expect(res.status, path).toBe(403);
        expect(res.body).toMatchObject({ kind: "Status", reason: "Forbidden", code: 403 });
        expect(res.body.message, path).toContain(`in the namespace "p-${B}"`);
      }
      // Its own project's lists work.
      const own = await as("GET", `/namespaces/p-${A}/${plural}`);
      expect(own.status).toBe(200);
      expect(namespaces(own.body)).toEqual([`p-${A}`]);
    }
    // Namespaces that are no project's are not a way around it.
    for (const ns of ["kube-system", "p-", `p-${B}-x`, "default"]) {
      expect((await as("GET", `/namespaces/${ns}/spaceinstances`)).status, ns).toBe(403);
    }
  });

  it("gets 403 changing B's spaces and virtual clusters", async () => {
    const vc = await as("POST", `/namespaces/p-${B}/virtualclusterinstances`, {
      apiVersion: v1,
      kind: "VirtualClusterInstance",
      metadata: { name: "planted" },
    });
    expect(vc.status).toBe(403);
    expect((await as("DELETE", `/namespaces/p-${B}/spaceinstances/space-b`)).status).toBe(403);
    // Naming A in the URL but B in the body is refused too.
    const mismatch = await as("POST", `/namespaces/p-${A}/spaceinstances`, {
      apiVersion: v1,
      kind: "SpaceInstance",
      metadata: { name: "planted", namespace: `p-${B}` },
    });
    expect(mismatch.status).toBe(400);
    const stillB = await t.call("GET", `${API_PREFIX}/namespaces/p-${B}/spaceinstances`);
    expect(names(stillB.body)).toEqual(["space-b"]);
  });

  it("sees only A's instances in lists across all namespaces, however it filters", async () => {
    for (const plural of ["spaceinstances", "virtualclusterinstances"]) {
      for (const query of [
        "",
        "?limit=1",
        `?fieldSelector=metadata.namespace%3Dp-${B}`,
        `?fieldSelector=metadata.namespace!%3Dp-${A}`,
        "?search=-b",
        "?labelSelector=!nothing",
      ]) {
        const res = await as("GET", `/${plural}${query}`);
        expect(res.status, `${plural}${query}`).toBe(200);
        expect(
          res.body.items.filter(
            (i: { metadata: { namespace: string } }) => i.metadata.namespace !== `p-${A}`,
          ),
          `${plural}${query}`,
        ).toEqual([]);
        expect(res.body.metadata.remainingItemCount ?? 0).toBe(0);
      }
      // Paging one at a time reaches A's instance and never B's.
      const seen: string[] = [];
      let next: string | undefined;
      for (let page = 0; page < 10; page++) {
        const res = await as("GET", `/${plural}?limit=1${next ? `&continue=${next}` : ""}`);
        seen.push(
          ...res.body.items.map((i: { metadata: { namespace: string } }) => i.metadata.namespace),
        );
        next = res.body.metadata.continue;
        if (!next) break;
      }
      expect(seen).toEqual([`p-${A}`]);
      // A forged continue key into B's namespace does not list it.
      const forged = Buffer.from(JSON.stringify({ v: 1, r: plural, ns: `p-${B}`, n: "" })).toString(
        "base64url",
      );
      const res = await as("GET", `/${plural}?continue=${forged}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
  });

  it("gets 403 naming B for a token scoped to B's project, a space in B or a virtual cluster in B", async () => {
    const cases: Array<[unknown, string]> = [
      [{ projects: [{ project: B }] }, "spec.scope.projects[0].project"],
      [{ spaces: [{ project: B, space: "space-b" }] }, "spec.scope.spaces[0].project"],
      [{ spaces: [{ project: B, space: "*" }] }, "spec.scope.spaces[0].project"],
      [
        { virtualClusters: [{ project: B, virtualCluster: "vc-b" }] },
        "spec.scope.virtualClusters[0].project",
      ],
      // B hidden behind an allowed entry.
      [
        { projects: [{ project: A }, { project: "*" }, { project: B }] },
        "spec.scope.projects[2].project",
      ],
      [
        {
          projects: [{ project: A }],
          spaces: [
            { project: A, space: "*" },
            { project: B, space: "x" },
          ],
        },
        "spec.scope.spaces[1].project",
      ],
    ];
    for (const [scope, field] of cases) {
      const res = await as("POST", "/directclusterendpointtokens", {
        apiVersion: v1,
        kind: "DirectClusterEndpointToken",
        spec: { scope },
      });
      expect(res.status, JSON.stringify(scope)).toBe(403);
      expect(res.body.reason).toBe("Forbidden");
      expect(res.body.message).toContain(`project "${B}"`);
      expect(res.body.message).toContain(field);
      expect(JSON.stringify(res.body)).not.toContain("eyJ");
    }
    // And it is not even a token the admin would see in the audit log.
    expect(readTokenAudit(t.dataDir).filter((r) => r.user === "mallory")).toEqual([]);
  });

  it("may issue `*`, which is its own identity's reach: A (and only A) under its name", async () => {
    const res = await t.call("POST", TOKENS, {
      key,
      body: {
        apiVersion: v1,
        kind: "DirectClusterEndpointToken",
        spec: {
          scope: {
            projects: [{ project: "*" }],
            virtualClusters: [{ project: A, virtualCluster: "*" }],
          },
        },
      },
    });
    expect(res.status).toBe(201);
    const claims = decodeJwt(res.body.status.token as string);
    expect(claims.sub).toBe("mallory");
    expect(claims["loft.sh"]).toMatchObject({ name: "mallory", kind: "User" });
    // `*` resolves against the user's memberships: the projects it can reach are exactly [A].
    expect(names((await as("GET", "/projects")).body)).toEqual([A]);
    // A space entry cannot use * for the project.
    const star = await as("POST", "/directclusterendpointtokens", {
      apiVersion: v1,
      kind: "DirectClusterEndpointToken",
      spec: { scope: { spaces: [{ project: "*", space: "*" }] } },
    });
    expect(star.status).toBe(422);
    expect(star.body.details.causes[0].field).toBe("spec.scope.spaces[0].project");
  });

  it("cannot make itself a member of B or an admin", async () => {
    const project = await as("POST", "/projects", {
      apiVersion: v1,
      kind: "Project",
      metadata: { name: B },
      spec: { members: [{ kind: "User", name: "mallory" }] },
    });
    expect(project.status).toBe(403);
    const keyForAdmin = await as("POST", "/ownedaccesskeys", {
      apiVersion: v1,
      kind: "OwnedAccessKey",
      metadata: { name: "escalate" },
      spec: { user: "admin" },
    });
    expect(keyForAdmin.status).toBe(403);
    expect(names((await as("GET", "/projects")).body)).toEqual([A]);
  });
});
