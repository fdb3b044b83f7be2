import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small round-robin HTTP load balancer on 127.0.0.1, for tests that run several console replicas
 * as one. Each request goes to the next backend in turn; method, path, headers (Host included, as a
 * layer-7 balancer keeps it, so the app's same-origin checks see the balancer's origin) and body are
 * forwarded as they come, and the answer is streamed back as it arrives. Like a real balancer it
 * appends the client's address to X-Forwarded-For (after any the client sent). There is no
 * stickiness and no retry: a request whose backend is down fails (502, or a cut connection), so a
 * test sees what a user behind a real balancer would see.
 */
/** Hop-by-hop headers describe one connection, not the message: a proxy never forwards them. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
]);

/** A raw header list ([name, value, name, value, …]) without hop-by-hop headers. */
function endToEnd(raw: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!HOP_BY_HOP.has(raw[i]!.toLowerCase())) kept.push(raw[i]!, raw[i + 1]!);
  }
  return kept;
}

/**
 * The request's raw headers as a balancer forwards them: end-to-end ones, the X-Forwarded-For lines
 * the client sent made one, with `client` appended (nginx's `$proxy_add_x_forwarded_for`).
 */
function forwarded(raw: readonly string[], client: string): string[] {
  const kept = endToEnd(raw);
  const headers: string[] = [];
  const chain: string[] = [];
  for (let i = 0; i + 1 < kept.length; i += 2) {
    if (kept[i]!.toLowerCase() === "x-forwarded-for") chain.push(kept[i + 1]!);
    else headers.push(kept[i]!, kept[i + 1]!);
  }
  headers.push("X-Forwarded-For", [...chain, client].join(", "));
  return headers;
}

export interface BalancerOptions {
  /**
   * The client address appended to X-Forwarded-For, standing for where this balancer's clients
   * connect from (every test client is 127.0.0.1). Default: the connection's own peer address.
   */
  clientAddress?: string;
  /**
   * The source address of connections to the backends (e.g. 127.0.0.2: a balancer on a host of its
   * own, which a backend can trust without trusting its clients). Default: the system's choice.
   */
  localAddress?: string;
}

export interface Served {
  method: string;
  /** Path and query, as the client sent them. */
  path: string;
  /** Index of the backend (in the order given to startBalancer) that was sent the request. */
  backend: number;
}

export interface Balancer {
  /** http://127.0.0.1:<port> — what clients open. */
  origin: string;
  /** Every request forwarded so far, in arrival order. */
  readonly served: readonly Served[];
  close(): Promise<void>;
}

/** Starts a balancer in front of `backends` (origins such as http://127.0.0.1:3601). */
export async function startBalancer(
  backends: readonly string[],
  options: BalancerOptions = {},
): Promise<Balancer> {
  if (backends.length === 0) throw new Error("a balancer needs at least one backend");
  const targets = backends.map((origin) => new URL(origin));
  // One keep-alive pool for all backends, destroyed on close so no socket outlives the test.
  const agent = new http.Agent({ keepAlive: true });
  const served: Served[] = [];
  let next = 0;

  const server = http.createServer((req, res) => {
    const backend = next;
    next = (next + 1) % targets.length;
    const target = targets[backend]!;
    served.push({ method: req.method ?? "GET", path: req.url ?? "/", backend });

    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: forwarded(
          req.rawHeaders,
          options.clientAddress ?? req.socket.remoteAddress ?? "unknown",
        ),
        localAddress: options.localAddress,
        agent,
      },
      (answer) => {
        // Raw headers keep repeated ones (several Set-Cookie) exactly as the backend sent them.
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders));
        answer.pipe(res);
        // A backend that dies mid-answer cuts the client's answer too, as a real balancer would.
        answer.on("error", () => res.destroy());
        answer.on("aborted", () => res.destroy());
      },
    );
    upstream.on("error", () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { "content-type": "text/plain" }).end("backend unavailable");
    });
    req.pipe(upstream);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    served,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
