import crypto from "node:crypto";
import os from "node:os";
import { Worker } from "node:worker_threads";

/**
 * The machine's raw RS256 signing rate on all cores: one worker per core signs a JWT-sized input
 * with a 2048-bit key (the platform's) for `seconds`. This is the physical ceiling for issuance.
 */
const WORKER = `
const crypto = require("node:crypto");
const { parentPort, workerData } = require("node:worker_threads");
const key = crypto.createPrivateKey(workerData.pem);
const input = Buffer.from("x".repeat(600));
const end = Date.now() + workerData.ms;
let n = 0;
while (Date.now() < end) { crypto.sign("sha256", input, key); n++; }
parentPort.postMessage(n);
`;

export async function rawSigningRate(
  seconds = 5,
): Promise<{ cores: number; perSecond: number; perCore: number }> {
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" });
  const cores = os.availableParallelism();
  const counts = await Promise.all(
    Array.from(
      { length: cores },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(WORKER, {
            eval: true,
            workerData: { pem, ms: seconds * 1000 },
          });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
  const total = counts.reduce((a, b) => a + b, 0) / seconds;
  return { cores, perSecond: total, perCore: total / cores };
}
