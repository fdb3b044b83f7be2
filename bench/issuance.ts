import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "@/lib/config";
import { startLocalPlatform } from "@/lib/local-platform";
import { load, type LoadResult } from "./http";

/**
 * Token issuance as the benchmark measures it: through an access key scoped to project `default`
 * (with the loft-cli role), issuing tokens for that project, so every request also runs the scope
 * and lifetime check a scoped key gets.
 */
const ISSUER_SCOPE = { roles: [{ role: "loft-cli" }], projects: [{ project: "default" }] };
const ISSUE_BODY = JSON.stringify({
  apiVersion: "management.loft.sh/v1",
  kind: "DirectClusterEndpointToken",
  metadata: {},
  spec: { ttl: 3600, scope: { projects: [{ project: "default" }] } },
});

/** Creates the scoped issuer key (valid for a day) with an admin key; returns its secret. */
export async function createIssuerKey(apiBase: string, adminKey: string): Promise<string> {
  const res = await fetch(`${apiBase}/ownedaccesskeys`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      apiVersion: "management.loft.sh/v1",
      kind: "OwnedAccessKey",
      metadata: { generateName: "bench-issuer-" },
      spec: { displayName: "Benchmark issuer", ttl: 86_400, scope: ISSUER_SCOPE },
    }),
  });
  const body = (await res.json()) as { spec?: { key?: string }; message?: string };
  if (res.status !== 201 || !body.spec?.key) {
    throw new Error(`creating the issuer key: ${res.status} ${body.message ?? ""}`);
  }
  return body.spec.key;
}

/** Issuance under `connections` concurrent clients for `seconds` with `key`. */
export function issuance(apiBase: string, key: string, connections = 20, seconds = 10) {
  return load(`${apiBase}/directclusterendpointtokens`, {
    connections,
    seconds,
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: ISSUE_BODY,
  });
}

/** A new access key within the issuer key's scope and lifetime (names from generateName). */
const KEY_BODY = JSON.stringify({
  apiVersion: "management.loft.sh/v1",
  kind: "OwnedAccessKey",
  metadata: { generateName: "bench-key-" },
  spec: { displayName: "Benchmark key", ttl: 3600, scope: { projects: [{ project: "default" }] } },
});

/**
 * Access key creation measured as issuance is: `POST ownedaccesskeys` under `connections`
 * concurrent clients for `seconds` with `key` (the same scoped issuer key, so every request also
 * runs the scope and lifetime check), each a new key scoped to project default living an hour.
 */
export function keyCreation(apiBase: string, key: string, connections = 20, seconds = 10) {
  return load(`${apiBase}/ownedaccesskeys`, {
    connections,
    seconds,
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: KEY_BODY,
  });
}

/**
 * `npx tsx bench/issuance.ts [seconds]`: only the issuance figure, against the local platform in
 * this process on a temporary DATA_DIR (no Next.js build): an unscoped admin key, then the scoped key;
 * then access key creation with the scoped key.
 */
async function standalone(seconds: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dce-bench-issuance-"));
  const adminKey = "bench-admin-key-7d1f0c9a2b3e4d5f";
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = parseConfig({
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    LOCAL_PLATFORM_ADMIN_KEY: adminKey,
  });
  const platform = await startLocalPlatform(config, { origin, log: () => {} });
  server.on("request", (req, res) => platform.handle(req, res));
  try {
    const apiBase = `${origin}/kubernetes/management/apis/management.loft.sh/v1`;
    const show = (label: string, r: LoadResult) =>
      console.log(
        `${label.padEnd(14)} ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.errors + r.non2xx} errors`,
      );
    const scoped = await createIssuerKey(apiBase, adminKey);
    await issuance(apiBase, adminKey, 20, 1); // warm-up
    show("unscoped admin", await issuance(apiBase, adminKey, 20, seconds));
    show("scoped key", await issuance(apiBase, scoped, 20, seconds));
    show("key creation", await keyCreation(apiBase, scoped, 20, seconds));
  } finally {
    // Requests autocannon abandoned at the deadline may still be signing: stop without waiting.
    server.closeAllConnections();
    server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await standalone(Number(process.argv[2] ?? 5));
  process.exit(0);
}
