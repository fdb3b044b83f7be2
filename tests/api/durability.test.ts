import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { checkIntegrity, readTokenAudit, tokenCaPathOf } from "@/lib/local-platform";
import { signingKeyOf } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform } from "@/tests/support/platform";

const root = path.resolve(import.meta.dirname, "../..");

/** Platform processes a test started; one a failed test left running is killed after it. */
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  children.clear();
});

function startChild(dataDir: string, adminKey: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "tests/support/platform-process.ts"), dataDir, adminKey],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  children.add(child);
  const ready = new Promise<{ origin: string; adminKey: string }>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n"))
        resolve(JSON.parse(out.split("\n")[0]!) as { origin: string; adminKey: string });
    });
    child.once("exit", (code) => reject(new Error(`platform process exited with ${code}`)));
  });
  return { child, ready };
}

describe("durability", () => {
  it("loses no acknowledged write when the process is killed with SIGKILL mid-stream", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-kill-"));
    const adminKey = "kill-test-admin-key-0123456789";
    const { child, ready } = startChild(dataDir, adminKey);
    const { origin } = await ready;

    // Kill -9 once this many instances and tokens have been acknowledged, while the other
    // writers' requests are in flight; a count, so a slow machine only takes longer.
    const KILL_AFTER = 40;
    const acknowledged: string[] = [];
    const tokens: string[] = [];
    const refused: string[] = [];
    const failedBeforeKill: string[] = [];
    let killed = false;
    const headers = { authorization: `Bearer ${adminKey}`, "content-type": "application/json" };
    const writer = async (w: number) => {
      for (let i = 0; ; i++) {
        const name = `w${w}-${i}`;
        try {
          const res = await fetch(
            `${origin}${API_PREFIX}/namespaces/p-default/virtualclusterinstances`,
            {
              method: "POST",
              headers,
              body: JSON.stringify({
                apiVersion: "management.loft.sh/v1",
                kind: "VirtualClusterInstance",
                metadata: { name },
              }),
            },
          );
          if (res.status === 201) acknowledged.push(name);
          else refused.push(`${name}: HTTP ${res.status}`);
          const tok = await fetch(`${origin}${API_PREFIX}/directclusterendpointtokens`, {
            method: "POST",
            headers,
            body: JSON.stringify({
              apiVersion: "management.loft.sh/v1",
              kind: "DirectClusterEndpointToken",
              spec: {},
            }),
          });
          const body = (await tok.json()) as { status?: { token?: string } };
          if (tok.status === 201 && body.status?.token) tokens.push(body.status.token);
          else refused.push(`token after ${name}: HTTP ${tok.status}`);
        } catch (error) {
          // After the kill this is the process being gone; before it, a failure to report.
          if (!killed) failedBeforeKill.push(`${name}: ${String(error)}`);
          return;
        }
        if (!killed && acknowledged.length >= KILL_AFTER && tokens.length >= KILL_AFTER) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    };
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
    expect(failedBeforeKill).toEqual([]);
    expect(killed).toBe(true);
    await exited;
    expect(refused).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(tokens.length).toBeGreaterThanOrEqual(KILL_AFTER);

    expect(checkIntegrity(dataDir)).toBe("ok");
    const t = await startTestPlatform({ dataDir, adminKey });
    try {
      const list = await t.call(
        "GET",
        `${API_PREFIX}/namespaces/p-default/virtualclusterinstances`,
      );
      const stored = new Set(
        list.body.items.map((i: { metadata: { name: string } }) => i.metadata.name),
      );
      expect(acknowledged.filter((n) => !stored.has(n))).toEqual([]);
      const audited = new Set(readTokenAudit(dataDir).map((r) => r.jti));
      const jtis = tokens.map(
        (tok) => JSON.parse(Buffer.from(tok.split(".")[1]!, "base64url").toString()).jti as string,
      );
      expect(jtis.filter((j) => !audited.has(j))).toEqual([]);
    } finally {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("a SIGKILL during a 20-issuer token burst loses no issued token and keeps the signing and admin keys", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-crash-"));
    // No LOCAL_PLATFORM_ADMIN_KEY: the admin key is the one generated on first start.
    const { child, ready } = startChild(dataDir, "-");
    const { origin, adminKey } = await ready;
    const certificateBefore = fs.readFileSync(tokenCaPathOf(dataDir), "utf8");
    const signingKeyBefore = fs.readFileSync(path.join(dataDir, "signing-key.pem"), "utf8");

    const acknowledged: string[] = [];
    const refused: number[] = [];
    const failedBeforeKill: string[] = [];
    let killed = false;
    const headers = { authorization: `Bearer ${adminKey}`, "content-type": "application/json" };
    const issuer = async (w: number) => {
      for (let i = 0; ; i++) {
        try {
          const res = await fetch(`${origin}${API_PREFIX}/directclusterendpointtokens`, {
            method: "POST",
            headers,
            body: JSON.stringify({
              apiVersion: "management.loft.sh/v1",
              kind: "DirectClusterEndpointToken",
              spec: { ttl: 3600, scope: { projects: [{ project: "default" }] } },
              metadata: { labels: { issuer: String(w), n: String(i) } },
            }),
          });
          const body = (await res.json()) as { status?: { token?: string } };
          if (res.status === 201 && body.status?.token) acknowledged.push(body.status.token);
          else refused.push(res.status);
        } catch (error) {
          // After the kill: the process is gone and this request's answer never arrived.
          if (!killed) failedBeforeKill.push(`issuer ${w} #${i}: ${String(error)}`);
          return;
        }
        // Kill -9 while the other issuers' requests are in flight.
        if (acknowledged.length >= 150 && !killed) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    };
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await Promise.all(Array.from({ length: 20 }, (_, w) => issuer(w)));
    expect(failedBeforeKill).toEqual([]);
    expect(killed).toBe(true);
    await exited;
    expect(refused).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    expect(checkIntegrity(dataDir)).toBe("ok");
    const t = await startTestPlatform({ dataDir, adminKey: null });
    try {
      expect(checkIntegrity(dataDir)).toBe("ok");
      // The admin key is unchanged: the same key is in kubeconfig.yaml and still acts as admin.
      expect(t.adminKey).toBe(adminKey);
      const self = await t.call("POST", `${API_PREFIX}/selves`, { key: adminKey, body: {} });
      expect(self.status).toBe(201);
      expect(self.body.status.user.name).toBe("admin");

      // The signing key and its certificate are unchanged.
      expect(fs.readFileSync(path.join(dataDir, "signing-key.pem"), "utf8")).toBe(signingKeyBefore);
      expect(fs.readFileSync(tokenCaPathOf(dataDir), "utf8")).toBe(certificateBefore);
      const kids = new Set(acknowledged.map((tok) => decodeProtectedHeader(tok).kid));
      expect(kids.size).toBe(1);

      // Every token whose 201 reached the client is audited and verifies after the restart.
      const key = await signingKeyOf(dataDir);
      const audited = new Set(readTokenAudit(dataDir).map((r) => r.jti));
      const missing: string[] = [];
      const unverified: string[] = [];
      for (const token of acknowledged) {
        const { jti } = decodeJwt(token);
        if (!audited.has(jti!)) missing.push(jti!);
        try {
          await jwtVerify(token, key, { issuer: origin, algorithms: ["RS256"] });
        } catch (error) {
          unverified.push(`${jti}: ${(error as Error).message}`);
        }
      }
      expect(missing).toEqual([]);
      expect(unverified).toEqual([]);

      // And the restarted platform keeps issuing with the same key.
      const again = await t.call("POST", `${API_PREFIX}/directclusterendpointtokens`, {
        body: { apiVersion: "management.loft.sh/v1", kind: "DirectClusterEndpointToken" },
      });
      expect(again.status).toBe(201);
      await jwtVerify(again.body.status.token as string, key, { algorithms: ["RS256"] });
    } finally {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
