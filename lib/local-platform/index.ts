import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ConfigError, type Config } from "@/lib/config";
import { DEFAULT_PROJECT_NAMESPACE_PREFIX } from "@/lib/scope/constants";
import { createAuditLog } from "./audit";
import { openDb } from "./platform-db";
import { ensureDirectEndpoint } from "./direct/annotations";
import { auditFileOf } from "./direct/audit-file";
import { openAuditLog, type AuditLogOptions } from "./direct/audit-log";
import { createAdminKey, isAdminKey, seed } from "./seed";
import { kubeconfigPathOf, readKubeconfigToken, writeKubeconfig } from "./kubeconfig";
import { randomSuffix } from "./resources/new-object";
import { createHandler, matchesPlatformUrl } from "./router";
import { loadSigner } from "./signer";
import { Store } from "./store";
import { ensureTls } from "./tls";
import { ensureTokenCa, tokenCaPathOf } from "./token-ca";

export { readTokenAudit, checkIntegrity } from "./audit";
export type { TokenAuditRow } from "./store";
export { readAuditEvents } from "./direct/audit-read";
export { auditFileOf } from "./direct/audit-file";
export { bulkCreateVirtualClusters } from "./bulk";
export { tokenCaPathOf } from "./token-ca";

/**
 * The embedded management.loft.sh/v1 platform: it answers on the dashboard's own origin (under
 * /kubernetes/management) and on LOCAL_PLATFORM_TLS_PORT over HTTPS; tests also run it as a process
 * of its own (tests/support/platform-process.ts).
 */
export interface LocalPlatform {
  /** True when a request URL (path + query) belongs to the platform. */
  matches(url: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Serving certificate for the HTTPS listener (LOCAL_PLATFORM_TLS_PORT). */
  tls: { key: string; cert: string };
  /** PEM of the CA that signed `tls.cert`; the dashboard trusts it like PLATFORM_CA_FILE. */
  caFile: string;
  kubeconfigPath: string;
  /** DATA_DIR/token-ca.pem: certificate of the token signing key (agentconfig's tokenCaCert). */
  tokenCaFile: string;
  /** Project namespaces are `<prefix><project>`. */
  projectNamespacePrefix: string;
  /** DATA_DIR/audit/direct.log: the direct endpoints' audit events (`readAuditEvents`). */
  auditFile: string;
  /** Resolves once every audit event written so far is in the file. */
  flushAudit(): Promise<void>;
  close(): void;
}

export interface LocalPlatformOptions {
  /** This server's own origin: the issuer (`iss`) of its tokens. */
  origin: string;
  /** Where first-start notices (the admin key) go; console.log by default. */
  log?: (line: string) => void;
  /**
   * "Now" in ms since the epoch, `Date.now` by default: tests inject a clock they move to exercise
   * access key expiry, idle expiry and `status.lastActivity` without waiting (see `Platform.clock`).
   */
  clock?: () => number;
  /** Rotation of the direct endpoints' audit log (10 MiB, 5 files kept, by default). */
  directAudit?: AuditLogOptions;
}

/**
 * Opens (or on first start creates) the platform in DATA_DIR: database, signing key and its
 * certificate, CA and serving certificate, admin user and demo data; writes DATA_DIR/kubeconfig.yaml.
 * Throws a ConfigError (one line) when LOCAL_PLATFORM_PROJECT_NAMESPACE_PREFIX differs from the
 * prefix DATA_DIR's data was made with.
 */
export async function startLocalPlatform(
  config: Config,
  options: LocalPlatformOptions,
): Promise<LocalPlatform> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = config.DATA_DIR;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);

  const db = openDb(dataDir);
  try {
    const store = new Store(db);
    const projectNamespacePrefix = checkPrefix(
      store,
      config.LOCAL_PLATFORM_PROJECT_NAMESPACE_PREFIX ?? DEFAULT_PROJECT_NAMESPACE_PREFIX,
    );
    const signer = loadSigner(dataDir);
    const tokenCaPem = await ensureTokenCa(dataDir, signer);
    const tls = await ensureTls(dataDir, config.LOCAL_PLATFORM_HOSTNAMES);
    const seeded = seed(store, projectNamespacePrefix, config.LOCAL_PLATFORM_ADMIN_KEY);
    if (seeded.adminKey) {
      log(`Local platform: created user "admin"; its access key (shown once): ${seeded.adminKey}`);
    }
    if (seeded.demoKey) {
      log(
        `Local platform: created demo user "alice"; its access key (shown once): ${seeded.demoKey}`,
      );
    }

    // loft-cluster's direct endpoint is this platform's own HTTPS port (whatever it is this time).
    ensureDirectEndpoint(store, config.LOCAL_PLATFORM_TLS_PORT, tls.caPem);

    const kubeconfigPath = kubeconfigPathOf(dataDir);
    let token =
      config.LOCAL_PLATFORM_ADMIN_KEY ??
      seeded.adminKey ??
      (await readKubeconfigToken(kubeconfigPath));
    if (!token || !isAdminKey(store, token)) {
      token = createAdminKey(store, `kubeconfig-${randomSuffix()}`);
      log(`Local platform: created a new admin access key for ${kubeconfigPath}`);
    }
    const server = `https://127.0.0.1:${config.LOCAL_PLATFORM_TLS_PORT}/kubernetes/management`;
    writeKubeconfig(kubeconfigPath, server, tls.caPem, token);

    const directAudit = openAuditLog(dataDir, options.directAudit);
    const handler = createHandler({
      store,
      signer,
      directAudit,
      audit: createAuditLog(store),
      config,
      origin: options.origin.replace(/\/+$/, ""),
      projectNamespacePrefix,
      tokenCaPem,
      clock: options.clock ?? Date.now,
    });
    return {
      matches: matchesPlatformUrl,
      handle: handler,
      tls: { key: tls.key, cert: tls.cert },
      caFile: tls.caFile,
      kubeconfigPath,
      tokenCaFile: tokenCaPathOf(dataDir),
      projectNamespacePrefix,
      auditFile: auditFileOf(dataDir),
      flushAudit: () => directAudit.flush(),
      close() {
        void directAudit.close();
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The project namespace prefix is fixed once data exists (a real platform refuses to start with a
 * changed `projectNamespacePrefix` too): recorded on first start, compared on every later one.
 */
function checkPrefix(store: Store, wanted: string): string {
  const stored = store.getMeta("projectNamespacePrefix");
  if (stored === undefined) {
    store.setMeta("projectNamespacePrefix", wanted);
    return wanted;
  }
  if (stored !== wanted) {
    throw new ConfigError(
      `Invalid configuration: LOCAL_PLATFORM_PROJECT_NAMESPACE_PREFIX is "${wanted}" but the local platform's data in DATA_DIR uses project namespaces "${stored}<project>"; set it to "${stored}" (or leave it unset if that is "${DEFAULT_PROJECT_NAMESPACE_PREFIX}") or use a new DATA_DIR`,
    );
  }
  return stored;
}
