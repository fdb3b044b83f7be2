import path from "node:path";
import { root, startServer } from "./server";

/**
 * `tsx bench/cold-start.ts [starts]`: only the cold-start figure of `npm run bench` (built app →
 * first 200 of /healthz and of a page, median of the starts), for comparing a change to start-up
 * without the whole run. Expects a build (`npm run build`).
 */
const starts = Number(process.argv[2] ?? 7);
const dataDir = path.join(root, ".bench", "cold-start");
const healthz: number[] = [];
const page: number[] = [];
for (let i = 0; i < starts; i++) {
  const server = await startServer({
    port: 3417,
    tlsPort: 8857,
    dataDir,
    adminKey: "bench-admin-key-7d1f0c9a2b3e4d5f",
  });
  healthz.push(server.coldStart.healthzMs);
  page.push(server.coldStart.pageMs);
  await server.stop();
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(
  `cold start, median of ${starts}: healthz ${median(healthz).toFixed(0)} ms, page ${median(page).toFixed(0)} ms`,
);
