import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkIntegrity, readTokenAudit } from "@/lib/local-platform";
import { API_PREFIX, startTestPlatform } from "@/tests/support/platform";

const root = path.resolve(import.meta.dirname, "../..");

function startChild(dataDir: string, adminKey: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "tests/support/platform-process.ts"), dataDir, adminKey],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  const ready = new Promise<{ origin: string }>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]!) as { origin: string });
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
});
