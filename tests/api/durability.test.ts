import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { checkIntegrity, readTokenAudit, tokenCaPathOf } from "@/lib/local-platform";
import { signingKeyOf } from "@/tests/support/keys";
import { API_PREFIX, startTestPlatform } from "@/tests/support/platform";

const root = path.resolve(import.meta.dirname, "../..");

function startChild(dataDir: string, adminKey: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "tests/support/platform-process.ts"), dataDir, adminKey],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
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

    const acknowledged: string[] = [];
    const tokens: string[] = [];
    let stop = false;
    const headers = { authorization: `Bearer ${adminKey}`, "content-type": "application/json" };
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
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
          const tok = await fetch(`${origin}${API_PREFIX}/directclusterendpointtokens`, {
            method: "POST",
            headers,
            body: JSON.stringify({
              apiVersion: "management.loft.sh/v1",
              kind: "DirectClusterEndpointToken",
              spec: {},
            }),
          });
          if (tok.status === 201)
            tokens.push(((await tok.json()) as { status: { token: string } }).status.token);
        } catch {
          return; // the process is gone
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(20);

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
        } catch {
          return; // the process is gone: this request's answer never arrived
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
    await exited;
    expect(killed).toBe(true);
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
