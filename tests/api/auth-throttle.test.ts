import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_FAILURES_PER_MINUTE } from "@/lib/local-platform/router";
import { CONSOLE_HEADER, consoleSecret } from "@/lib/server/console-secret";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

let t: TestPlatform;
let ca: Buffer;
beforeAll(async () => {
  t = await startTestPlatform();
  ca = fs.readFileSync(path.join(t.dataDir, "ca.pem"));
});
afterAll(() => t.close());

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };

/** GET projects from a given loopback source address (127.0.0.x), over http or https. */
function get(
  from: string,
  key: string,
  options: { tls?: boolean; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const origin = new URL(options.tls ? t.tlsOrigin : t.origin);
  const lib = options.tls ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      {
        host: "127.0.0.1",
        port: Number(origin.port),
        path: `${API_PREFIX}/projects`,
        localAddress: from,
        headers: { authorization: `Bearer ${key}`, ...options.headers },
        agent: false,
        ...(options.tls ? { ca } : {}),
      },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("guessing access keys against the platform API", () => {
  const guesser = "127.0.0.2";
  const bystander = "127.0.0.3";

  it("is throttled per address on both ports, with a 429 Status and Retry-After", async () => {
    for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) {
      const answer = await get(guesser, `wrong-key-${i}`, { tls: i % 2 === 1 });
      expect(answer.status, `attempt ${i + 1}`).toBe(401);
    }
    for (const tls of [false, true]) {
      const limited = await get(guesser, "wrong-key-again", { tls });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);
      expect(limited.body).toMatchObject({
        kind: "Status",
        code: 429,
        reason: "TooManyRequests",
        details: { retryAfterSeconds: Number(limited.headers["retry-after"]) },
      });
      // Once limited, not even the right key is looked up from that address for a while.
      expect((await get(guesser, t.adminKey, { tls })).status).toBe(429);
      // Claiming to be someone else changes nothing: the socket's address decides.
      const spoofed = await get(guesser, "wrong-key-spoofed", {
        tls,
        headers: { "x-forwarded-for": "203.0.113.9", "x-real-ip": "198.51.100.7" },
      });
      expect(spoofed.status).toBe(429);
    }
  });

  it("does not lock out other clients", async () => {
    expect((await get(bystander, t.adminKey)).status).toBe(200);
    expect((await get(bystander, "one-wrong-key")).status).toBe(401);
    expect((await get(bystander, t.adminKey, { tls: true })).status).toBe(200);
  });

  it("leaves the dashboard's own calls (same process, its secret header) alone", async () => {
    const headers = { [CONSOLE_HEADER]: consoleSecret() };
    expect((await get(guesser, t.adminKey, { headers })).status).toBe(200);
    // A forged header is just another request from the limited address.
    expect(
      (await get(guesser, t.adminKey, { headers: { [CONSOLE_HEADER]: "guess" } })).status,
    ).toBe(429);
  });
});
