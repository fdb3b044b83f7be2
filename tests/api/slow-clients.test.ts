import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_TIMEOUT_MS } from "@/lib/local-platform/http";
import { API_PREFIX, startTestPlatform, type TestPlatform } from "@/tests/support/platform";

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe("a client trickling its request body", () => {
  it(
    "is cut off with a 408 Status and a closed connection, not held open",
    async () => {
      const { port } = new URL(t.origin);
      const socket = net.connect(Number(port), "127.0.0.1");
      await new Promise<void>((resolve) => socket.once("connect", resolve));
      const received: Buffer[] = [];
      socket.on("data", (d: Buffer) => received.push(d));
      const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
      socket.write(
        [
          `POST ${API_PREFIX}/directclusterendpointtokens HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          `Authorization: Bearer ${t.adminKey}`,
          "Content-Type: application/json",
          "Content-Length: 4096",
          "",
          '{"apiVersion":',
        ].join("\r\n"),
      );
      // One byte every 500 ms: the body would take over half an hour to arrive.
      const trickle = setInterval(() => {
        if (!socket.destroyed) socket.write(" ");
      }, 500);
      const started = Date.now();
      await closed;
      clearInterval(trickle);
      const elapsed = Date.now() - started;
      const text = Buffer.concat(received).toString("utf8");
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
      const body = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)) as Record<string, unknown>;
      expect(body).toMatchObject({ kind: "Status", code: 408, reason: "Timeout" });
      expect(elapsed).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 1000);
      // Other clients are unaffected.
      expect((await t.call("GET", `${API_PREFIX}/projects`)).status).toBe(200);
    },
    BODY_TIMEOUT_MS + 20_000,
  );
});
