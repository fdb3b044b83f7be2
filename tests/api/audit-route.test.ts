import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/admin/audit/export/route";
import { CSV_HEADER } from "@/lib/audit/export";
import { getStore } from "@/lib/store";
import { fingerprintOf, recordIssued } from "@/lib/ledger/store";

/**
 * `GET /api/admin/audit/export` in-process: the handler itself refuses anyone but a console admin
 * (401 signed out, 403 otherwise; the server's admin door refuses them earlier too), checks its
 * format and filters, and streams the file to an admin.
 */
const signedIn = vi.hoisted(() => ({ session: null as Record<string, unknown> | null }));
vi.mock("@/lib/session/session", () => ({ getSession: async () => signedIn.session }));

let dataDir: string;
const session = (kind: "User" | "Team", name: string) => ({
  id: "session-1",
  accessKey: "unused",
  principal: { kind, name },
  platform: "https://platform.example",
  createdAt: Date.now(),
});

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-audit-route-"));
  process.env.DATA_DIR = dataDir;
  process.env.CONSOLE_ADMINS = "user:root,team:auditors";
  const { db } = await getStore();
  await recordIssued(db, {
    principal: "user:alice",
    principalUid: null,
    user: "alice",
    platform: "https://platform.example",
    tokenId: null,
    fingerprint: fingerprintOf("route-test"),
    requested: {},
    issuedScope: { projects: [{ project: "default" }] },
    requestedTtl: 3600,
    issuedAt: Date.now() - 60_000,
    expiresAt: Date.now() + 3_540_000,
    generation: 0,
    note: "=cmd|' /C calc'!A0",
  });
});
afterAll(async () => {
  await (await getStore()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const get = (query: string) =>
  GET(new Request(`http://console.test/api/admin/audit/export?${query}`), undefined);

describe("GET /api/admin/audit/export", () => {
  it("answers 401 when signed out", async () => {
    signedIn.session = null;
    const res = await get("format=csv");
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ kind: "Status", code: 401 });
  });

  it("answers 403 to a signed-in user who is not a console admin", async () => {
    signedIn.session = session("User", "alice");
    const res = await get("format=csv");
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ kind: "Status", code: 403, reason: "Forbidden" });
    // A team and a user of the same name are not the same principal.
    signedIn.session = session("User", "auditors");
    expect((await get("format=ndjson")).status).toBe(403);
  });

  it("streams the file to an admin, formulas defused", async () => {
    signedIn.session = session("Team", "auditors");
    const res = await get("format=csv&user=alice");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="audit-.*\.csv"$/,
    );
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER.join(","));
    expect(lines[1]).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(lines).toHaveLength(3);
  });

  it("refuses an unknown format or a filter the page would set aside", async () => {
    signedIn.session = session("User", "root");
    expect((await get("format=xlsx")).status).toBe(400);
    const res = await get("format=csv&from=yesterday");
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/^from: /);
  });
});
