import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { getConfig, localPlatformCaFile, managementBaseUrl } from "@/lib/config";
import { ManagementError, errorFromResponse } from "@/lib/management/errors";
import { API_VERSION } from "@/lib/scope/constants";
import { CONSOLE_HEADER, consoleSecret } from "@/lib/server/console-secret";

/**
 * The one HTTP client for the management API: base URL, the caller's bearer key, TLS trust,
 * timeout, JSON, and Status → ManagementError. Every dashboard read and write goes through here.
 */
export const MANAGEMENT_PREFIX = "/kubernetes/management";
export const API_GROUP_PATH = `/apis/${API_VERSION}`;
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** What caches kept per user are keyed by: the access key's SHA-256 (base64url), never the key. */
export const accessKeyHash = (accessKey: string) =>
  crypto.createHash("sha256").update(accessKey).digest("base64url");

let agent: { url: string; agent: http.Agent } | undefined;

/**
 * Connections are reused. With a `timeout` set, Node honours the platform's `Keep-Alive: timeout=N`
 * hint and retires an idle connection before the platform closes it; without one, a busy process could
 * send a request on a connection the platform had just closed (ECONNRESET).
 */
const KEEP_ALIVE = { keepAlive: true, maxSockets: 64, timeout: 60_000 } as const;

/**
 * How the platform's TLS certificate is trusted: PLATFORM_CA_FILE (the local platform's own CA when
 * it is embedded), else the system's roots; verification is off only with
 * PLATFORM_INSECURE_SKIP_TLS_VERIFY. Also used for the direct endpoints the console asks itself.
 */
export function platformTrust(config = getConfig()): { ca?: Buffer; rejectUnauthorized: boolean } {
  const caFile =
    config.PLATFORM_CA_FILE ?? (config.localPlatform ? localPlatformCaFile(config) : undefined);
  return {
    ca: caFile ? fs.readFileSync(caFile) : undefined,
    rejectUnauthorized: !config.PLATFORM_INSECURE_SKIP_TLS_VERIFY,
  };
}

function transport() {
  const config = getConfig();
  const base = managementBaseUrl(config);
  if (agent?.url === base) return { base, agent: agent.agent };
  const url = new URL(base);
  let created: http.Agent;
  if (url.protocol === "https:") {
    created = new https.Agent({ ...KEEP_ALIVE, ...platformTrust(config) });
  } else {
    created = new http.Agent(KEEP_ALIVE);
  }
  agent = { url: base, agent: created };
  return { base, agent: created };
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  /** The body's media type; JSON unless set (a PATCH names its patch type). */
  contentType?: "application/json" | "application/merge-patch+json";
  /** Path is relative to the platform's origin rather than its management API, and sent without a key. */
  public?: boolean;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** What the user was doing, for messages ("Listing projects"). */
  what?: string;
}

export async function managementRequest<T>(
  accessKey: string | null,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const config = getConfig();
  const { base, agent } = transport();
  const url = new URL(`${base}${options.public ? "" : MANAGEMENT_PREFIX}${path}`);
  for (const [k, v] of Object.entries(options.query ?? {}))
    if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
  const what = options.what ?? "The request";
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const lib = url.protocol === "https:" ? https : http;

  const method = options.method ?? "GET";
  const attempt = (retried: boolean) =>
    new Promise<T>((resolve, reject) => {
      let answered = false;
      const req = lib.request(
        url,
        {
          method,
          agent,
          headers: {
            accept: "application/json",
            ...(accessKey && !options.public ? { authorization: `Bearer ${accessKey}` } : {}),
            // Only to the embedded local platform: see lib/server/console-secret.ts.
            ...(config.localPlatform ? { [CONSOLE_HEADER]: consoleSecret() } : {}),
            ...(body !== undefined
              ? {
                  "content-type": options.contentType ?? "application/json",
                  "content-length": Buffer.byteLength(body),
                }
              : {}),
          },
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              req.destroy(
                new ManagementError(
                  `${what} failed: the platform's answer was too large`,
                  502,
                  "BadGateway",
                  [],
                  true,
                ),
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) return reject(errorFromResponse(status, text, what));
            try {
              resolve(JSON.parse(text) as T);
            } catch {
              reject(
                new ManagementError(
                  `${what} failed: the platform at ${base} did not answer with JSON`,
                  502,
                  "BadGateway",
                  [],
                  true,
                ),
              );
            }
          });
          res.on("error", (error) => reject(networkError(error, base, what)));
        },
      );
      req.setTimeout(config.PLATFORM_TIMEOUT_MS, () => {
        req.destroy(
          new ManagementError(
            `${what} timed out: the platform at ${base} did not answer within ${config.PLATFORM_TIMEOUT_MS / 1000} s`,
            504,
            "Timeout",
            [],
            true,
          ),
        );
      });
      req.on("error", (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the platform closed as this request went out: a read is sent again
        // once on a fresh connection (Node's advice); a write is not, as it may have arrived.
        if (
          !retried &&
          !answered &&
          req.reusedSocket &&
          error.code === "ECONNRESET" &&
          method === "GET"
        )
          return attempt(true).then(resolve, reject);
        reject(networkError(error, base, what));
      });
      req.end(body);
    });
  return attempt(false);
}

function networkError(error: Error, base: string, what: string): ManagementError {
  if (error instanceof ManagementError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new ManagementError(
      `${what} failed: the platform at ${base} presented a certificate that is not trusted (${code}); set PLATFORM_CA_FILE`,
      502,
      "BadGateway",
      [],
      false,
    );
  }
  return new ManagementError(
    `${what} failed: could not reach the platform at ${base}${code ? ` (${code})` : ""}`,
    503,
    "ServiceUnavailable",
    [],
    true,
  );
}
