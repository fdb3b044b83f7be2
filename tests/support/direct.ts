import fs from "node:fs";
import https from "node:https";
import { API_PREFIX, type TestPlatform } from "@/tests/support/platform";
import { tokenRequest } from "@/tests/support/keys";

/** Issues a Direct Cluster Endpoint Token through the real API (as the admin unless `as`). */
export async function issueToken(
  t: TestPlatform,
  spec: Record<string, unknown> = {},
  as?: string,
): Promise<string> {
  const res = await t.call("POST", `${API_PREFIX}/directclusterendpointtokens`, {
    key: as,
    body: tokenRequest(spec),
  });
  if (res.status !== 201) throw new Error(`issuing a token: ${res.status} ${res.body.message}`);
  return res.body.status.token as string;
}

export interface DirectAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // Tests inspect arbitrary JSON answers.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

const agents = new WeakMap<TestPlatform, https.Agent>();

/**
 * One request to the platform's HTTPS port (the direct endpoint), trusting only the platform's CA;
 * `token` null sends no Authorization header; `body` is sent as JSON.
 */
export function direct(
  t: TestPlatform,
  token: string | null,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<DirectAnswer> {
  let agent = agents.get(t);
  if (!agent) {
    agent = new https.Agent({ ca: fs.readFileSync(t.platform.caFile, "utf8"), keepAlive: true });
    agents.set(t, agent);
  }
  const url = new URL(path, t.tlsOrigin);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        agent,
        headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (body === undefined) req.end();
    else {
      req.setHeader("content-type", "application/json");
      req.end(JSON.stringify(body));
    }
  });
}

/** Closes the keep-alive connections `direct` opened for `t`. */
export function closeDirect(t: TestPlatform) {
  agents.get(t)?.destroy();
  agents.delete(t);
}
