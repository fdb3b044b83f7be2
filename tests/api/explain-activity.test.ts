import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/explain/activity/route";
import type * as ConfigModule from "@/lib/config";
import { AUDIT_ANNOTATIONS } from "@/lib/explain/audit-event";
import { auditFileOf } from "@/lib/local-platform";
import { getStore } from "@/lib/store";
import { fingerprintOf, recordIssued, type NewLedgerEntry } from "@/lib/ledger/store";

/**
 * `POST /api/explain/activity` in-process: a credential's recorded audit events, only for the
 * signed-in principal's own ledger entry (found by fingerprint), only with the local platform.
 */
const state = vi.hoisted(() => ({
  session: null as Record<string, unknown> | null,
  local: true,
}));
vi.mock("@/lib/session/session", () => ({ getSession: async () => state.session }));
vi.mock("@/lib/config", async (importOriginal) => {
  const actual = await importOriginal<typeof ConfigModule>();
  return { ...actual, getConfig: () => ({ ...actual.getConfig(), localPlatform: state.local }) };
});

const PLATFORM = "https://platform.example";
let dataDir: string;
const session = (name: string) => ({
  id: `session-${name}`,
  accessKey: "unused",
  principal: { kind: "User", name },
  platform: PLATFORM,
  createdAt: Date.now(),
});

const entry = (user: string, secret: string, extra: Partial<NewLedgerEntry>): NewLedgerEntry => ({
  principal: `user:${user}`,
  principalUid: null,
  user,
  platform: PLATFORM,
  tokenId: null,
  fingerprint: fingerprintOf(secret),
  requested: {},
  issuedScope: null,
  requestedTtl: 3600,
  issuedAt: Date.now(),
  expiresAt: Date.now() + 3_600_000,
  generation: 0,
  note: null,
  ...extra,
});

const event = (jti: string, uri: string) =>
  JSON.stringify({
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    auditID: `${jti}-${uri}`,
    verb: "list",
    requestURI: uri,
    responseStatus: { code: 200 },
    annotations: { [AUDIT_ANNOTATIONS.jti]: jti },
  });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-explain-activity-"));
  process.env.DATA_DIR = dataDir;
  const { db } = await getStore();
  await recordIssued(db, entry("alice", "alice-token", { tokenId: "jti-alice" }));
  await recordIssued(db, entry("bob", "bob-token", { tokenId: "jti-bob" }));
  await recordIssued(
    db,
    entry("alice", "alice-key", { kind: "accesskey", credentialName: "ci-key", tokenId: null }),
  );
  const file = auditFileOf(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const vc = "/kubernetes/project/default/virtualcluster/x/api/v1";
  fs.writeFileSync(
    file,
    [
      event("jti-alice", `${vc}/pods`),
      event("jti-bob", `${vc}/secrets`),
      event("ci-key", `${vc}/configmaps`),
      event("jti-alice", `${vc}/services`),
      "",
    ].join("\n"),
  );
});
afterAll(async () => {
  await (await getStore()).close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const post = (secret: string) =>
  POST(
    new Request("http://console.test/api/explain/activity", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fingerprint: fingerprintOf(secret) }),
    }),
    undefined,
  );
const uris = async (res: Response) =>
  ((await res.json()) as { events: { requestURI: string }[] }).events.map((e) =>
    e.requestURI.replace(/.*\/v1\//, ""),
  );

describe("POST /api/explain/activity", () => {
  it("answers 401 when signed out", async () => {
    state.session = null;
    expect((await post("alice-token")).status).toBe(401);
  });

  it("returns what the signed-in user's own token and access key did, oldest first", async () => {
    state.session = session("alice");
    const token = await post("alice-token");
    expect(token.status).toBe(200);
    expect(await uris(token)).toEqual(["pods", "services"]);
    expect(await uris(await post("alice-key"))).toEqual(["configmaps"]);
  });

  it("answers 404 for someone else's credential or one the console did not issue", async () => {
    state.session = session("alice");
    const other = await post("bob-token");
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ kind: "Status", code: 404, reason: "NotFound" });
    expect((await post("never-issued")).status).toBe(404);
  });

  it("answers 404 against a real platform, whose audit log the console cannot read", async () => {
    state.session = session("alice");
    state.local = false;
    try {
      const res = await post("alice-token");
      expect(res.status).toBe(404);
      expect((await res.json()).message).toMatch(/cannot read a real platform's audit log/);
    } finally {
      state.local = true;
    }
  });

  it("accepts only a fingerprint, never a token", async () => {
    state.session = session("alice");
    const res = await POST(
      new Request("http://console.test/api/explain/activity", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: "alice-token" }),
      }),
      undefined,
    );
    expect(res.status).toBe(422);
  });
});
