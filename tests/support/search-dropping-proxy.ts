import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";

/**
 * A plain-HTTP proxy in front of the local platform's HTTPS API that behaves like a real platform
 * towards list options: it drops `search` (no public source shows a real platform honouring it)
 * and passes everything else through. It records every query key it saw, so a test can prove the
 * dashboard never relied on `search`.
 */
export class SearchDroppingProxy {
  readonly seenKeys = new Set<string>();
  /** Paths of list requests (GET), in order. */
  readonly lists: string[] = [];
  private readonly agent: https.Agent;
  private readonly server: http.Server;
  port = 0;

  constructor(private readonly upstream: { port: number; ca: Buffer | string }) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: upstream.ca });
    this.server = http.createServer((req, res) => this.forward(req, res));
    this.server.keepAliveTimeout = 5_000;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://proxy.invalid");
    for (const key of url.searchParams.keys()) this.seenKeys.add(key);
    url.searchParams.delete("search");
    if (req.method === "GET") this.lists.push(url.pathname);
    const upstream = https.request(
      {
        host: "127.0.0.1",
        port: this.upstream.port,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers: { ...req.headers, host: `127.0.0.1:${this.upstream.port}` },
        agent: this.agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  }

  async close() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
    this.agent.destroy();
  }
}
