import http from "node:http";
import type { AddressInfo } from "node:net";
import type { NoticeBody } from "@/lib/notices/message";

/**
 * A webhook receiver on 127.0.0.1 for the notice tests. It records every request it gets (raw body,
 * parsed body, headers) and answers as `answer` says for that request: "ok" (204), "fail" (500) or
 * "hang" (never answers; the connection is cut when the receiver closes).
 */

export type Answer = "ok" | "fail" | "hang";

export interface Received {
  raw: string;
  body: NoticeBody;
  headers: http.IncomingHttpHeaders;
  answer: Answer;
}

export interface NoticeReceiver {
  url: string;
  /** Every request, in arrival order. */
  received: Received[];
  /** Requests answered 2xx: what was delivered. */
  delivered(): Received[];
  close(): Promise<void>;
}

/** `entry id / event / threshold`: what a notice is about, once per notice. */
export const noticeKey = (body: NoticeBody) => `${body.entry.id}/${body.event}/${body.threshold}`;

export async function startNoticeReceiver(
  answer: (body: NoticeBody, tries: number) => Answer = () => "ok",
): Promise<NoticeReceiver> {
  const received: Received[] = [];
  const tries = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = JSON.parse(raw) as NoticeBody;
      const key = noticeKey(body);
      const n = (tries.get(key) ?? 0) + 1;
      tries.set(key, n);
      const how = answer(body, n);
      received.push({ raw, body, headers: req.headers, answer: how });
      if (how === "ok") res.writeHead(204).end();
      else if (how === "fail") res.writeHead(500, { "content-type": "text/plain" }).end("boom");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    delivered: () => received.filter((r) => r.answer === "ok"),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
