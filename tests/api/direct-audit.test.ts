import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import type { AuditEvent } from "@/lib/explain/audit-event";
import { auditFileOf, readAuditEvents } from "@/lib/local-platform";
import { closeDirect, direct, issueToken } from "@/tests/support/direct";
import { createKey } from "@/tests/support/keys";
import { startTestPlatform, type TestPlatform } from "@/tests/support/platform";

const VC = "/kubernetes/project/default/virtualcluster/dev-vcluster";
const PREVIEW = "/kubernetes/project/default/virtualcluster/preview";
const T0 = Date.UTC(2026, 5, 1, 12);
const MICROS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

let now = T0;
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ clock: () => now });
});
afterAll(async () => {
  closeDirect(t);
  await t.close();
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("the direct endpoints' audit log", () => {
  it("writes one audit.k8s.io/v1 Event per request, with the credential's jti and the decision", async () => {
    const token = await issueToken(t, {
      ttl: 60,
      scope: { virtualClusters: [{ project: "default", virtualCluster: "dev-vcluster" }] },
    });
    const jti = decodeJwt(token).jti!;
    const ok = await direct(t, token, "GET", `${VC}/api/v1/namespaces/default/pods/web-0`, {
      "user-agent": "audit-test/1.0",
    });
    expect(ok.status).toBe(200);
    expect((await direct(t, token, "GET", `${PREVIEW}/version`)).status).toBe(403);
    now += 120_000; // past the token's ttl
    expect((await direct(t, token, "GET", `${VC}/version`)).status).toBe(401);
    await t.platform.flushAudit();

    const events = await readAuditEvents({ dataDir: t.dataDir, jti });
    expect(events).toHaveLength(3);
    const [expired, refused, allowed] = events as [AuditEvent, AuditEvent, AuditEvent];
    expect(allowed).toMatchObject({
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      level: "Metadata",
      stage: "ResponseComplete",
      requestURI: `${VC}/api/v1/namespaces/default/pods/web-0`,
      verb: "get",
      user: {
        username: "loft:user:admin",
        groups: ["system:authenticated"],
        extra: { "loft.sh/jti": [jti] },
      },
      sourceIPs: ["127.0.0.1"],
      userAgent: "audit-test/1.0",
      objectRef: { resource: "pods", namespace: "default", name: "web-0", apiVersion: "v1" },
      responseStatus: { code: 200 },
      annotations: {
        "authorization.k8s.io/decision": "allow",
        "authorization.k8s.io/reason": expect.stringContaining("allowed by virtualClusters[0]"),
        "dce.loft.sh/jti": jti,
        "dce.loft.sh/credential": "token",
        "dce.loft.sh/project": "default",
        "dce.loft.sh/virtual-cluster": "dev-vcluster",
      },
    });
    expect(allowed.auditID).toMatch(/^[0-9a-f-]{36}$/);
    expect(allowed.requestReceivedTimestamp).toMatch(MICROS);
    expect(allowed.stageTimestamp).toMatch(MICROS);
    expect(allowed.annotations?.["dce.loft.sh/check"]).toBeUndefined();

    expect(refused).toMatchObject({
      verb: "get",
      responseStatus: { code: 403 },
      annotations: {
        "authorization.k8s.io/decision": "forbid",
        "authorization.k8s.io/reason": expect.stringContaining(
          "the request is for virtual cluster preview",
        ),
        "dce.loft.sh/check": "scope",
        "dce.loft.sh/virtual-cluster": "preview",
      },
    });
    expect(refused.objectRef).toBeUndefined(); // a non-resource URL
    expect(expired).toMatchObject({
      responseStatus: { code: 401 },
      annotations: { "dce.loft.sh/check": "expired", "dce.loft.sh/jti": jti },
    });
    expect(new Set(events.map((e) => e.auditID)).size).toBe(3);
  });

  it("names an access key by its name, and a request without a genuine credential by nobody", async () => {
    const secret = await createKey(t, { user: "alice" }, { name: "audited-key" });
    expect((await direct(t, secret, "GET", `${VC}/version`)).status).toBe(200);
    expect((await direct(t, "not-a-key", "GET", `${VC}/version?unknown=1`)).status).toBe(401);
    await t.platform.flushAudit();
    const [key] = await readAuditEvents({ dataDir: t.dataDir, jti: "audited-key" });
    expect(key).toMatchObject({
      user: { username: "loft:user:alice", extra: { "loft.sh/access-key": ["audited-key"] } },
      annotations: { "dce.loft.sh/credential": "access-key", "dce.loft.sh/jti": "audited-key" },
    });
    const [unknown] = await readAuditEvents({ dataDir: t.dataDir, limit: 1 });
    expect(unknown).toMatchObject({
      requestURI: `${VC}/version?unknown=1`,
      user: {},
      responseStatus: { code: 401 },
      annotations: { "dce.loft.sh/check": "signature" },
    });
    expect(unknown?.annotations?.["dce.loft.sh/jti"]).toBeUndefined();
  });

  it("never writes a credential, and keeps the file 0600 in a 0700 directory", async () => {
    const token = await issueToken(t);
    const secret = await createKey(t, { user: "alice" });
    await direct(t, token, "GET", `${VC}/api/v1/namespaces`);
    await direct(t, secret, "GET", `${VC}/api/v1/namespaces`);
    await direct(t, `${token}x`, "GET", `${VC}/api/v1/namespaces`);
    await t.platform.flushAudit();
    const file = auditFileOf(t.dataDir);
    expect(file).toBe(path.join(t.dataDir, "audit", "direct.log"));
    const text = fs.readFileSync(file, "utf8");
    for (const secretPart of [token, token.split(".")[2]!, secret, t.adminKey]) {
      expect(text.includes(secretPart)).toBe(false);
    }
    expect(text).not.toMatch(/Bearer/i);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
  });
});

describe("rotation", () => {
  let small: TestPlatform;
  beforeAll(async () => {
    small = await startTestPlatform({ directAudit: { maxBytes: 4096, keep: 2 } });
  });
  afterAll(async () => {
    closeDirect(small);
    await small.close();
  });

  it("rotates at the size limit, keeping the newest files, and reads them newest first", async () => {
    const token = await issueToken(small);
    const sent: string[] = [];
    for (let i = 0; i < 40; i++) {
      const uri = `${VC}/version?n=${i}`;
      await direct(small, token, "GET", uri);
      sent.push(uri);
    }
    await small.platform.flushAudit();
    const file = auditFileOf(small.dataDir);
    const files = [file, `${file}.1`, `${file}.2`];
    for (const f of files) {
      expect(fs.statSync(f).size).toBeLessThanOrEqual(4096);
      expect(mode(f)).toBe(0o600);
      for (const line of fs.readFileSync(f, "utf8").trim().split("\n")) {
        expect(JSON.parse(line).kind).toBe("Event");
      }
    }
    expect(fs.existsSync(`${file}.3`)).toBe(false);
    const kept = files.reduce(
      (n, f) => n + fs.readFileSync(f, "utf8").trim().split("\n").length,
      0,
    );
    expect(kept).toBeLessThan(sent.length); // the oldest rotated away
    const events = await readAuditEvents({ dataDir: small.dataDir, limit: 1000 });
    expect(events.map((e) => e.requestURI)).toEqual(sent.slice(-kept).reverse());
  });
});
