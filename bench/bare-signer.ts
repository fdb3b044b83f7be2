import { spawn } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { load } from "./http";

/**
 * The reference for token issuance: a bare `node:http` signer doing only what issuance cannot
 * avoid. It compares the bearer with one known key, parses the JSON body, signs an RS256 JWT
 * (2048-bit key, claims shaped and sized as the platform's) with the asynchronous `crypto.sign` on
 * libuv's threadpool, and answers a JSON body of the platform's shape. It runs as a process of its
 * own with the threadpool the real server gets (one thread per core), so it shares neither an
 * event loop nor a threadpool with the load generator.
 */
const KEY = "bare-signer-key-3c9e1a7f5d2b4e6a";
const PATH = "/kubernetes/management/apis/management.loft.sh/v1/directclusterendpointtokens";
/** What the issuance benchmark sends (bench/issuance.ts). */
const BODY = JSON.stringify({
  apiVersion: "management.loft.sh/v1",
  kind: "DirectClusterEndpointToken",
  metadata: {},
  spec: { ttl: 3600, scope: { projects: [{ project: "default" }] } },
});

export interface BareSigner {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the bare signer as a child process; resolves once it listens. */
export function startBareSigner(): Promise<BareSigner> {
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--serve"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: {
      ...process.env,
      // As `npm start` sizes it for the real server: signing threads = cores.
      UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? String(os.availableParallelism()),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.once("exit", (code) => reject(new Error(`the bare signer exited (${code})`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n", 2);
      if (line.length < 2) return;
      const { port } = JSON.parse(line[0]!) as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}${PATH}`,
        pid: child.pid!,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners("exit");
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** The bare signer under `connections` concurrent clients for `seconds`, as issuance is loaded. */
export function bareSigning(signer: BareSigner, connections = 20, seconds = 10) {
  return load(signer.url, {
    connections,
    seconds,
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: BODY,
  });
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/** The signer process: one key, one route, no storage. */
function serve() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = b64url(
    crypto
      .createHash("sha256")
      .update(publicKey.export({ type: "spki", format: "der" }))
      .digest(),
  );
  const header = b64url(JSON.stringify({ alg: "RS256", kid }));
  const expected = `Bearer ${KEY}`;
  // The platform's identity claims for a user (uid, name, kind, token generation).
  const user = { uid: crypto.randomUUID(), name: "admin", kind: "User", gen: 1 };

  const reply = (res: http.ServerResponse, code: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(code, {
      "content-type": "application/json",
      "cache-control": "no-store",
      "content-length": Buffer.byteLength(text),
    });
    res.end(text);
  };

  const server = http.createServer((req, res) => {
    if (req.headers.authorization !== expected) return reply(res, 401, { message: "Unauthorized" });
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let body: { spec?: { ttl?: number; scope?: unknown } };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof body;
      } catch {
        return reply(res, 400, { message: "invalid JSON" });
      }
      const ttl = body.spec?.ttl ?? 3600;
      const scope = body.spec?.scope;
      const iat = Math.floor(Date.now() / 1000);
      const claims = {
        aud: ["https://kubernetes.default"],
        exp: iat + ttl,
        iat,
        iss: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        jti: crypto.randomUUID(),
        "loft.sh": scope ? { ...user, scope } : user,
        nbf: iat,
        sub: user.name,
      };
      const input = `${header}.${b64url(JSON.stringify(claims))}`;
      crypto.sign("sha256", Buffer.from(input), privateKey, (error, signature) => {
        if (error) return reply(res, 500, { message: error.message });
        reply(res, 201, {
          apiVersion: "management.loft.sh/v1",
          kind: "DirectClusterEndpointToken",
          metadata: { creationTimestamp: new Date(iat * 1000).toISOString() },
          spec: { ...body.spec, ttl },
          status: { token: `${input}.${b64url(signature)}` },
        });
      });
    });
  });
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  process.on("SIGTERM", () => process.exit(0));
}

if (
  process.argv.includes("--serve") &&
  path.resolve(process.argv[1] ?? "") === import.meta.filename
) {
  serve();
}
