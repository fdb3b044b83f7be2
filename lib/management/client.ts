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

/** Sends one request to the management API (or, `public`, to the platform's origin) and parses its JSON answer. */
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
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return send<T>(
    {
      url,
      base,
      agent,
      method: options.method ?? "GET",
      headers: requestHeaders(accessKey, options, body, config.localPlatform),
      body,
      what: options.what ?? "The request",
      timeoutMs: config.PLATFORM_TIMEOUT_MS,
    },
    false,
  );
}

/** One request to the platform, ready to send (and to send again). */
interface Outgoing {
  url: URL;
  /** The platform's origin, for messages. */
  base: string;
  agent: http.Agent;
  method: string;
  headers: http.OutgoingHttpHeaders;
  body: string | undefined;
  what: string;
  timeoutMs: number;
}

function requestHeaders(
  accessKey: string | null,
  options: RequestOptions,
  body: string | undefined,
  localPlatform: boolean,
): http.OutgoingHttpHeaders {
  return {
    accept: "application/json",
    ...(accessKey && !options.public ? { authorization: `Bearer ${accessKey}` } : {}),
    // Only to the embedded local platform: see lib/server/console-secret.ts.
    ...(localPlatform ? { [CONSOLE_HEADER]: consoleSecret() } : {}),
    ...(body !== undefined
      ? {
          "content-type": options.contentType ?? "application/json",
          "content-length": Buffer.byteLength(body),
        }
      : {}),
  };
}

/** Sends `out` and resolves with its JSON answer; `retried` is true on the one resend of a read. */
function send<T>(out: Outgoing, retried: boolean): Promise<T> {
  const lib = out.url.protocol === "https:" ? https : http;
  return new Promise<T>((resolve, reject) => {
    let answered = false;
    const req = lib.request(
      out.url,
      { method: out.method, agent: out.agent, headers: out.headers },
      (res) => {
        answered = true;
        readAnswer(req, res, out, resolve, reject);
      },
    );
    req.setTimeout(out.timeoutMs, () => {
      req.destroy(
        new ManagementError(
          `${out.what} timed out: the platform at ${out.base} did not answer within ${out.timeoutMs / 1000} s`,
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
        out.method === "GET"
      )
        return send<T>(out, true).then(resolve, reject);
      reject(networkError(error, out.base, out.what));
    });
    req.end(out.body);
  });
}

/**
 * Reads the platform's answer (at most MAX_RESPONSE_BYTES): a 2xx JSON body resolves, any other
 * status rejects with the error its Status body describes.
 */
function readAnswer<T>(
  req: http.ClientRequest,
  res: http.IncomingMessage,
  out: Outgoing,
  resolve: (value: T) => void,
  reject: (error: unknown) => void,
) {
  const { base, what } = out;
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
