import { beforeEach, describe, expect, it, vi } from "vitest";
import type * as Config from "@/lib/config";
import type { SessionData } from "@/lib/session/session";

/**
 * The admin area's own guards, for entry points the server's door cannot see by path: a server
 * action answers at any URL, so every admin action checks the session itself.
 */
let session: SessionData | null = null;
vi.mock("@/lib/session/session", () => ({ getSession: async () => session }));
vi.mock("@/lib/config", async (original) => ({
  ...(await original<typeof Config>()),
  getConfig: () => ({ CONSOLE_ADMINS: ["user:admin", "team:platform"] }),
}));

const as = (kind: "User" | "Team", name: string): SessionData =>
  ({
    id: "s",
    accessKey: "k",
    principal: { kind, name },
    platform: "p",
    createdAt: 0,
  }) as SessionData;

describe("withAdmin and withAdminRoute", () => {
  const ran = vi.fn();
  beforeEach(() => {
    ran.mockReset();
    session = null;
  });

  it("runs an action for a console admin, user or team", async () => {
    const { withAdmin } = await import("@/lib/admin/guard");
    const action = withAdmin(async (s) => {
      ran(s.principal.name);
      return { ok: true as const, data: 1 };
    });
    session = as("User", "admin");
    expect(await action()).toEqual({ ok: true, data: 1 });
    session = as("Team", "platform");
    expect(await action()).toEqual({ ok: true, data: 1 });
    expect(ran.mock.calls).toEqual([["admin"], ["platform"]]);
  });

  it("refuses anyone else with 403 (a team named like an admin user too), and the signed out with 401", async () => {
    const { withAdmin, withAdminRoute } = await import("@/lib/admin/guard");
    const action = withAdmin(async () => {
      ran();
      return { ok: true as const, data: 1 };
    });
    const route = withAdminRoute(async () => {
      ran();
      return new Response("secret");
    });
    for (const s of [as("User", "dev"), as("Team", "admin"), as("User", "platform")]) {
      session = s;
      expect(await action()).toMatchObject({ ok: false, code: 403 });
      const response = await route(new Request("http://x/api/admin/audit"), {});
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ kind: "Status", code: 403 });
    }
    session = null;
    expect(await action()).toMatchObject({ ok: false, code: 401, signedOut: true });
    expect((await route(new Request("http://x/api/admin/audit"), {})).status).toBe(401);
    expect(ran).not.toHaveBeenCalled();
  });
});

describe("isAdminPath", () => {
  it("covers the admin pages and JSON routes, and nothing else", async () => {
    const { isAdminPath } = await import("@/lib/admin/admins");
    for (const p of ["/admin", "/admin/", "/admin/policy", "/api/admin", "/api/admin/audit/export"])
      expect(isAdminPath(p), p).toBe(true);
    for (const p of [
      "/administrator",
      "/tokens/admin",
      "/api/administer",
      "/",
      "/api/policy/check",
    ])
      expect(isAdminPath(p), p).toBe(false);
  });

  it("judges the path Next.js will route: decoded, case-folded, slashes collapsed", async () => {
    const { routedPath } = await import("@/lib/server/admin-gate");
    const { isAdminPath } = await import("@/lib/admin/admins");
    for (const url of [
      "/%61dmin/policy",
      "//admin",
      "/ADMIN/Audit?x=1",
      "/api//admin/x",
      "\\admin",
    ])
      expect(isAdminPath(routedPath(url).toLowerCase()), url).toBe(true);
  });
});
