import http from "node:http";
import https from "node:https";
import path from "node:path";
import next from "next";
import { ConfigError, getConfig, type Config } from "@/lib/config";
import { startLocalPlatform, type LocalPlatform } from "@/lib/local-platform";
import { statusBody } from "@/lib/local-platform/status";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddressOf,
  trustedProxies,
} from "@/lib/server/client-address";
import { isAdminPath } from "@/lib/admin/admins";
import { adminVerdict, refuseAdmin, routedPath } from "@/lib/server/admin-gate";
import { ensureDataDir } from "@/lib/server/data-dir";
import { PINNED_NEXT, SERVER_REFERENCE_MANIFEST, signInActionIds } from "@/lib/server/action-ids";
import { SECURITY_HEADERS, withPageCsp } from "@/lib/server/headers";
import { isCrossSiteAction } from "@/lib/server/origin";
import { startNotifier, type Notifier } from "@/lib/notices/notifier";
import { getStore, type ConsoleStore } from "@/lib/store";
import { takeRateLimit } from "@/lib/store/guards";

/*
 * The one process that serves the dashboard (Next.js) and, with no PLATFORM_URL, the local
 * platform. Platform routes are answered by a plain node:http handler before Next.js sees them, so
 * the token-issuing hot path pays no framework cost; /healthz likewise. Pages get their security
 * headers and nonce CSP here too (lib/server/headers.ts): there is no Next.js middleware.
 */

/**
 * The configuration, or exit with its one-line message: the only place start-up stops on a bad setting
 * (an invalid variable, or a local platform whose DATA_DIR disagrees with its settings).
 */
export function configOrExit(): Config {
  try {
    return getConfig();
  } catch (error) {
    return exitOnConfigError(error);
  }
}

function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

/**
 * Starts the process. `root` is the app's folder (where `.next` is); `npm start` runs this compiled
 * from elsewhere and passes it.
 */
export async function main(options: { dev?: boolean; root?: string } = {}) {
  const config = configOrExit();
  const root = options.root ?? path.resolve(import.meta.dirname, "../..");
  const dev = options.dev ?? false;
  // Everything this process creates is owner-only from its first byte (databases, keys,
  // certificates, secrets); files written with an explicit mode stay 0600 on their own too.
  process.umask(0o077);
  ensureDataDir(config.DATA_DIR);
  const displayHost = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  const origin = `http://${displayHost}:${config.PORT}`;

  const platform: LocalPlatform | undefined = config.localPlatform
    ? await startLocalPlatform(config, { origin }).catch(exitOnConfigError)
    : undefined;
  const store = await storeOrExit();
  // Expiry and revocation notices (lib/notices), sent from the store's outbox when configured.
  const notifier = config.NOTIFY_WEBHOOK_URL
    ? startNotifier({
        db: store.db,
        engine: store.engine,
        config: { ...config, NOTIFY_WEBHOOK_URL: config.NOTIFY_WEBHOOK_URL },
      })
    : undefined;

  const app = next({
    dev,
    dir: root,
    hostname: config.HOST,
    port: config.PORT,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  const isSignIn = signInMatcher(dev, root);
  const listener = consoleListener({ config, dev, store, platform, handle, isSignIn });

  const servers = await startServers(config, platform, listener, displayHost);
  console.log(`DCE Token Console:  ${origin}`);
  stopOnSignals(servers, platform, notifier, store);
}

/** The console store (sessions, ledger, guards), opened and migrated; exits when it cannot be. */
async function storeOrExit(): Promise<ConsoleStore> {
  try {
    return await getStore();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

type IsSignIn = (req: http.IncomingMessage, url: string) => boolean;

/**
 * True for a post of the sign-in action, known by its id wherever it is posted (a server action
 * answers at any page URL); without the build's action ids (dev), a post to /sign-in.
 */
function signInMatcher(dev: boolean, root: string): IsSignIn {
  const signInActions = dev ? undefined : signInActionIds(root);
  if (!dev && !signInActions)
    console.error(
      `The sign-in action is not in this build's ${SERVER_REFERENCE_MANIFEST}: the hard sign-in throttle covers /sign-in only. Is next still ${PINNED_NEXT}?`,
    );
  return (req, url) => {
    const id = req.headers["next-action"];
    if (req.method !== "POST" || typeof id !== "string") return false;
    return signInActions
      ? signInActions.has(id)
      : url === "/sign-in" || url.startsWith("/sign-in?");
  };
}

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * The console's request listener: hands platform URLs to the local platform; for the rest, works
 * out the client address, refuses cross-site actions and sign-in floods, answers /healthz, gates the
 * admin area and passes them to Next.js with the security headers and the page's CSP.
 */
function consoleListener(options: {
  config: Config;
  dev: boolean;
  store: ConsoleStore;
  platform: LocalPlatform | undefined;
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  isSignIn: IsSignIn;
}): Listener {
  const { config, dev, store, platform, handle, isSignIn } = options;
  // The sign-in action tells people when they try too often (SIGN_IN_RATE_LIMIT a minute); clients
  // that keep going past twice that get a hard 429 here, before any work is done. Counted in the
  // store, so the limit holds across replicas.
  const signInFlood = (address: string) =>
    takeRateLimit(store.db, `sign-in-flood:${address}`, config.SIGN_IN_RATE_LIMIT * 2, 60_000);
  const trusted = trustedProxies(config.TRUSTED_PROXIES);

  const toNext = (req: http.IncomingMessage, res: http.ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    withPageCsp(req, res, dev);
    handle(req, res).catch((error: unknown) => failed(res, error));
  };

  const serve = (req: http.IncomingMessage, res: http.ServerResponse, url: string) => {
    if (url === "/healthz" || url.startsWith("/healthz?")) {
      healthy(res);
      return;
    }
    const path = routedPath(url).toLowerCase();
    if (!isAdminPath(path)) {
      toNext(req, res);
      return;
    }
    adminVerdict(req, store, config).then(
      (verdict) => {
        if (verdict === "forbidden") refuseAdmin(res, 403);
        else if (verdict === "signed-out" && path.startsWith("/api/")) refuseAdmin(res, 401);
        else toNext(req, res);
      },
      (error: unknown) => failed(res, error),
    );
  };

  return (req, res) => {
    const url = req.url ?? "/";
    // The local platform's URLs go to it first: it reads the socket's own peer, has no server
    // actions and no sign-in form, so none of what follows concerns its requests (and token
    // issuance does not pay for it).
    if (platform?.matches(url)) {
      platform.handle(req, res);
      return;
    }
    // The client's address, worked out once: the socket peer, or through TRUSTED_PROXIES only, from
    // X-Forwarded-For (lib/server/client-address.ts). The hard throttle counts it, and Next.js
    // gets it in CLIENT_ADDRESS_HEADER (lib/session/sign-in-throttle.ts), which is always this server's:
    // any such header a client sent is replaced, so no client chooses the bucket it is counted in.
    const address = clientAddressOf(
      req.socket.remoteAddress,
      req.headers["x-forwarded-for"],
      trusted,
    );
    req.headers[CLIENT_ADDRESS_HEADER] = address;
    if (isCrossSiteAction(req.method, req.headers)) {
      refuseCrossSite(res);
      return;
    }
    if (isSignIn(req, url)) {
      signInFlood(address).then(
        (retryAfter) => {
          if (retryAfter > 0) tooManySignIns(res, retryAfter);
          else serve(req, res, url);
        },
        (error: unknown) => failed(res, error),
      );
      return;
    }
    serve(req, res, url);
  };
}

/**
 * Listens on PORT and, with the local platform, on LOCAL_PLATFORM_TLS_PORT (platform URLs, the rest
 * to the console's listener); logs where each is.
 */
async function startServers(
  config: Config,
  platform: LocalPlatform | undefined,
  listener: Listener,
  displayHost: string,
): Promise<Array<http.Server | https.Server>> {
  const server = http.createServer(LISTENER_TIMEOUTS, listener);
  await listen(server, config.PORT, config.HOST);
  const servers: Array<http.Server | https.Server> = [server];

  if (platform) {
    const tlsServer = https.createServer({ ...platform.tls, ...LISTENER_TIMEOUTS }, (req, res) => {
      if (platform.matches(req.url ?? "/")) platform.handle(req, res);
      else listener(req, res);
    });
    await listen(tlsServer, config.LOCAL_PLATFORM_TLS_PORT, config.HOST);
    servers.push(tlsServer);
    console.log(
      `Local platform API: https://${displayHost}:${config.LOCAL_PLATFORM_TLS_PORT}/kubernetes/management`,
    );
    console.log(`kubectl config:     ${platform.kubeconfigPath}`);
  } else {
    console.log(`Management API:     ${config.PLATFORM_URL}`);
  }
  return servers;
}

/** On SIGINT or SIGTERM: closes the servers, the platform, the notifier and the store, then exits. */
function stopOnSignals(
  servers: Array<http.Server | https.Server>,
  platform: LocalPlatform | undefined,
  notifier: Notifier | undefined,
  store: ConsoleStore,
) {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const s of servers) s.close();
    for (const s of servers) s.closeAllConnections();
    platform?.close();
    // A notice pass under way settles its claims before the store closes.
    void Promise.resolve(notifier?.stop())
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function failed(res: http.ServerResponse, error: unknown) {
  console.error("request failed:", error instanceof Error ? error.message : error);
  if (!res.headersSent) res.writeHead(500, { ...SECURITY_HEADERS, "content-type": "text/plain" });
  res.end("Internal Server Error");
}

function healthy(res: http.ServerResponse) {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end("ok");
}

function refuseCrossSite(res: http.ServerResponse) {
  const body = JSON.stringify(
    statusBody(403, "Forbidden", "Server actions are accepted only from this site's own pages."),
  );
  res.writeHead(403, {
    ...SECURITY_HEADERS,
    "content-type": "application/json",
    "cache-control": "no-store",
  });
  res.end(body);
}

function tooManySignIns(res: http.ServerResponse, retryAfter: number) {
  const body = JSON.stringify(
    statusBody(429, "TooManyRequests", "Too many sign-in attempts; try again later.", {
      retryAfterSeconds: retryAfter,
    }),
  );
  res.writeHead(429, {
    ...SECURITY_HEADERS,
    "content-type": "application/json",
    "retry-after": String(retryAfter),
    "cache-control": "no-store",
  });
  res.end(body);
}

/**
 * Every listener's limits, so a slow client cannot hold a connection: headers must arrive within
 * 15 s and a whole request within 30 s (request bodies have their own read timeout that answers with
 * a Status, see readJson); idle keep-alive stays a little longer than a load balancer's 60 s.
 */
const LISTENER_TIMEOUTS = {
  headersTimeout: 15_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 65_000,
  // Node checks the two limits above on this interval (30 s by default, which doubled them).
  connectionsCheckingInterval: 2_000,
} satisfies http.ServerOptions;

function listen(server: http.Server | https.Server, port: number, host: string) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        console.error(
          `Port ${port} on ${host} is already in use (set PORT or LOCAL_PLATFORM_TLS_PORT).`,
        );
        process.exit(1);
      }
      reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  await main({ dev: process.argv.includes("--dev") });
}
