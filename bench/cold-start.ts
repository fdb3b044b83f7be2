import fs from "node:fs";
import path from "node:path";
import { startBarePage } from "./bare";
import { root, startServer, type BenchServer } from "./server";

/**
 * Cold start against its reference, like for like: this app's `npm start` (a prior build in place)
 * to the first 200 of /sign-in, and a bare Next.js app's `npm start` (`next start`) to the first 200
 * of its page; npm's own start-up is in both. Starts are interleaved (ours, bare, ours with a fresh
 * DATA_DIR, repeated) so that noise on a shared machine reaches both sides; figures are medians.
 *
 * `npx tsx bench/cold-start.ts [rounds]` runs it alone (`npm run build` first); `npm run bench`
 * reports it as its cold-start row.
 */

const PORT = 3417;
const TLS_PORT = 8857;
const BARE_PORT = 3418;
const ADMIN_KEY = "bench-admin-key-7d1f0c9a2b3e4d5f";

export interface ColdStart {
  rounds: number;
  /** Existing DATA_DIR, as every start after the first: median ms to the first 200. */
  ours: { healthzMs: number; pageMs: number };
  /** A fresh DATA_DIR (signing key, CA, TLS certificate and demo data generated at start). */
  fresh: { healthzMs: number; pageMs: number };
  bare: { pageMs: number };
  /** ours.pageMs / bare.pageMs: the ratio of the medians. */
  ratio: number;
  /** Each round's own ratio (ours / bare, started one after the other), and their median. */
  roundRatios: number[];
  medianRoundRatio: number;
  samples: { ours: number[]; fresh: number[]; bare: number[] };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * One start of ours, timed; a start that had to rebuild first (sources changed meanwhile) is
 * repeated, as it is no start of a built app.
 */
async function oursOnce(dataDir: string): Promise<BenchServer["coldStart"]> {
  for (;;) {
    const server = await startServer({
      port: PORT,
      tlsPort: TLS_PORT,
      dataDir,
      adminKey: ADMIN_KEY,
    });
    await server.stop();
    if (!server.coldStart.built) return server.coldStart;
    console.log("  (that start rebuilt first: sources changed; starting again)");
  }
}

async function bareOnce(): Promise<number> {
  const bare = await startBarePage(BARE_PORT);
  await bare.stop();
  return bare.coldStartMs;
}

export async function coldStart(rounds = 5): Promise<ColdStart> {
  const dataDir = path.join(root, ".bench", "cold-start");
  const freshDir = path.join(root, ".bench", "cold-start-fresh");
  fs.rmSync(dataDir, { recursive: true, force: true });
  // One unrecorded start of each: creates the DATA_DIR the "existing" starts find, builds the bare
  // app when needed, and reads both apps' files into the page cache.
  await oursOnce(dataDir);
  await bareOnce();
  const ours: BenchServer["coldStart"][] = [];
  const fresh: BenchServer["coldStart"][] = [];
  const bare: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ours.push(await oursOnce(dataDir));
    bare.push(await bareOnce());
    fs.rmSync(freshDir, { recursive: true, force: true });
    fresh.push(await oursOnce(freshDir));
    const last = ours.length - 1;
    console.log(
      `  round ${i + 1}: ours ${ours[last]!.pageMs.toFixed(0)} ms, bare ${bare[last]!.toFixed(0)} ms, fresh DATA_DIR ${fresh[last]!.pageMs.toFixed(0)} ms`,
    );
  }
  const oursPage = median(ours.map((s) => s.pageMs));
  const barePage = median(bare);
  const roundRatios = ours.map((s, i) => s.pageMs / bare[i]!);
  return {
    rounds,
    ours: { healthzMs: median(ours.map((s) => s.healthzMs)), pageMs: oursPage },
    fresh: {
      healthzMs: median(fresh.map((s) => s.healthzMs)),
      pageMs: median(fresh.map((s) => s.pageMs)),
    },
    bare: { pageMs: barePage },
    ratio: oursPage / barePage,
    roundRatios,
    medianRoundRatio: median(roundRatios),
    samples: {
      ours: ours.map((s) => Math.round(s.pageMs)),
      fresh: fresh.map((s) => Math.round(s.pageMs)),
      bare: bare.map((s) => Math.round(s)),
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const rounds = Number(process.argv[2] ?? 7);
  const result = await coldStart(rounds);
  console.log(
    `cold start, \`npm start\` → first 200, median of ${rounds}: ours /sign-in ${result.ours.pageMs.toFixed(0)} ms (/healthz ${result.ours.healthzMs.toFixed(0)} ms), ` +
      `bare Next.js ${result.bare.pageMs.toFixed(0)} ms → ${result.ratio.toFixed(2)}× (target ≤ 1.2×; round by round ${result.medianRoundRatio.toFixed(2)}× median); ` +
      `fresh DATA_DIR ${result.fresh.pageMs.toFixed(0)} ms (/healthz ${result.fresh.healthzMs.toFixed(0)} ms)`,
  );
}
