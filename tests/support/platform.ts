import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "@/lib/config";
import { startLocalPlatform, type LocalPlatform } from "@/lib/local-platform";
import type { AuditLogOptions } from "@/lib/local-platform/direct/audit-log";
import { readKubeconfigToken } from "@/lib/local-platform/kubeconfig";

export const API_PREFIX = "/kubernetes/management/apis/management.loft.sh/v1";

export interface TestPlatform {
  /** http://127.0.0.1:<port> — the token issuer. */
  origin: string;
  /** https://127.0.0.1:<tls port> */
  tlsOrigin: string;
  adminKey: string;
  dataDir: string;
  /** What the platform printed on start (first-start keys). */
  logs: string[];
  platform: LocalPlatform;
  /** Calls the API on the plain-http port; JSON in, JSON (or text) out. */
  call(
    method: string,
    urlPath: string,
    options?: {
      key?: string | null;
      body?: unknown;
      headers?: Record<string, string>;
      raw?: string;
    },
    // Tests inspect arbitrary JSON answers.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; headers: Headers; body: any }>;
  /** Stops the servers and the platform; removes a temporary DATA_DIR unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Starts the local platform in-process, over real HTTP and HTTPS on 127.0.0.1 with ephemeral ports,
 * on a fresh temporary DATA_DIR (or `dataDir`, to restart on the same data).
 */
export async function startTestPlatform(
  options: {
    dataDir?: string;
    /** LOCAL_PLATFORM_ADMIN_KEY; null leaves it unset (the kubeconfig's token is then the admin key). */
    adminKey?: string | null;
    env?: Record<string, string>;
    /** The platform's "now" (ms since the epoch), for tests that move time; Date.now by default. */
    clock?: () => number;
    /** Rotation of the direct endpoints' audit log (small sizes for rotation tests). */
    directAudit?: AuditLogOptions;
  } = {},
): Promise<TestPlatform> {
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "dce-platform-"));
  const envKey =
    options.adminKey === null
      ? undefined
      : (options.adminKey ?? `test-admin-${crypto.randomBytes(16).toString("hex")}`);
  const ready: { platform?: LocalPlatform } = {};
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const platform = ready.platform;
    if (platform?.matches(req.url ?? "/")) return platform.handle(req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("not the platform");
  };
  const server = http.createServer(onRequest);
  const tlsServer = https.createServer({}, onRequest);
  const port = await listen(server);
  const tlsPort = await listen(tlsServer);
  const origin = `http://127.0.0.1:${port}`;
  const config = parseConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    LOCAL_PLATFORM_ADMIN_KEY: envKey,
    LOCAL_PLATFORM_TLS_PORT: String(tlsPort),
    ...options.env,
  });
  const logs: string[] = [];
  let started: LocalPlatform;
  try {
    started = await startLocalPlatform(config, {
      origin,
      log: (line) => logs.push(line),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.directAudit ? { directAudit: options.directAudit } : {}),
    });
  } catch (error) {
    // A refused start (e.g. a changed namespace prefix) leaves no listener behind.
    await Promise.all(
      [server, tlsServer].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
    );
    throw error;
  }
  const adminKey = envKey ?? (await readKubeconfigToken(started.kubeconfigPath))!;
  tlsServer.setSecureContext(started.tls);
  ready.platform = started;

  return {
    origin,
    tlsOrigin: `https://127.0.0.1:${tlsPort}`,
    adminKey,
    dataDir,
    logs,
    platform: started,
    async call(method, urlPath, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      const key = opts.key === undefined ? adminKey : opts.key;
      if (key !== null) headers.authorization = `Bearer ${key}`;
      let body: string | undefined = opts.raw;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers["content-type"] ??= "application/json";
      }
      const res = await fetch(`${origin}${urlPath}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async close({ keepData = false } = {}) {
      for (const s of [server, tlsServer]) s.closeAllConnections();
      await Promise.all(
        [server, tlsServer].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
      );
      started.close();
      if (temporary && !keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type CallResult = Awaited<ReturnType<TestPlatform["call"]>>;
