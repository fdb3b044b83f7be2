import type http from "node:http";
import { PlatformProxy } from "./platform-proxy";

/**
 * A proxy in front of the local platform that behaves like a real platform towards list options:
 * it drops `search` (no public source shows a real platform honouring it) and passes everything else
 * through. It records every query key it saw, so a test can prove the dashboard never relied on
 * `search`.
 */
export class SearchDroppingProxy extends PlatformProxy {
  readonly seenKeys = new Set<string>();
  /** Paths of list requests (GET), in order. */
  readonly lists: string[] = [];

  protected override handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://proxy.invalid");
    for (const key of url.searchParams.keys()) this.seenKeys.add(key);
    url.searchParams.delete("search");
    if (req.method === "GET") this.lists.push(url.pathname);
    this.forward(req, res, `${url.pathname}${url.search}`);
  }
}
