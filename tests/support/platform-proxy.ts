import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";

/**
 * A plain-HTTP proxy in front of the local platform's HTTPS API, for a dashboard that must meet
 * something between it and its platform: it passes every request through, and a subclass's
 * `handle` decides otherwise where it needs to.
 */
export class PlatformProxy {
  private readonly agent: https.Agent;
  private readonly server: http.Server;
  port = 0;

  constructor(private readonly upstream: { port: number; ca: Buffer | string }) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: upstream.ca });
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse) {
    this.forward(req, res, req.url ?? "/");
  }

  /** Sends the request on to the platform at `path` (path and query), and its answer back. */
  protected forward(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    const upstream = https.request(
      {
        host: "127.0.0.1",
        port: this.upstream.port,
        method: req.method,
        path,
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
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }
}
