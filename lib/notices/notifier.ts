import crypto from "node:crypto";
import os from "node:os";
import type { Config } from "@/lib/config";
import type { Engine, StoreDb } from "@/lib/store/store-db";
import { deliver, type DeliveryResult, type Webhook } from "./deliver";
import { noticeBody, type NoticeEntry } from "./message";
import {
  claimNotices,
  dropStaleNotices,
  enqueueNotices,
  settleNotice,
  type ClaimedNotice,
} from "./outbox";

/**
 * Each replica's notifier: every NOTIFY_INTERVAL_MS it enqueues what became due, drops what stopped
 * being true, then claims and delivers due notices in batches (each batch in parallel, so one
 * batch takes about NOTIFY_TIMEOUT_MS at most) until none are left. Passes never overlap.
 */

export type NotifierConfig = Pick<
  Config,
  "NOTIFY_WEBHOOK_SECRET" | "NOTIFY_THRESHOLDS" | "NOTIFY_INTERVAL_MS" | "NOTIFY_TIMEOUT_MS"
> & { NOTIFY_WEBHOOK_URL: string };

export interface NotifierOptions {
  db: StoreDb;
  engine: Engine;
  config: NotifierConfig;
  /** Epoch milliseconds now; tests move it to cross thresholds. */
  clock?: () => number;
  fetch?: typeof fetch;
  /** Names this notifier in attempt records; host, pid and a random suffix by default. */
  worker?: string;
  /** A pass that failed (the store was unreachable); it is tried again on the next tick. */
  onError?: (error: unknown) => void;
}

export interface NotifierPass {
  enqueued: number;
  dropped: number;
  delivered: number;
  failed: number;
}

export interface Notifier {
  /** One pass now, after any pass under way. */
  runOnce(): Promise<NotifierPass>;
  /** Stops the timer and waits for the pass under way, so no claim is left to lapse. */
  stop(): Promise<void>;
}

const BATCH_SIZE = 25;
const MAX_BATCHES = 20;
/** A lease outlasts the delivery timeout by this much: time to settle, and for clocks to differ. */
const LEASE_MARGIN_MS = 60_000;

const logError = (error: unknown) =>
  console.error("notices:", error instanceof Error ? error.message : String(error));

export function startNotifier(options: NotifierOptions): Notifier {
  const { db, engine, config } = options;
  const clock = options.clock ?? Date.now;
  const worker =
    options.worker ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const thresholds = [...config.NOTIFY_THRESHOLDS].sort((a, b) => b - a);
  const webhook: Webhook = {
    url: config.NOTIFY_WEBHOOK_URL,
    secret: config.NOTIFY_WEBHOOK_SECRET,
    timeoutMs: config.NOTIFY_TIMEOUT_MS,
    fetch: options.fetch,
  };
  const leaseMs = config.NOTIFY_TIMEOUT_MS + LEASE_MARGIN_MS;
  let stopped = false;

  const send = async (notice: ClaimedNotice): Promise<boolean> => {
    const started = performance.now();
    let result: DeliveryResult;
    try {
      const entry = JSON.parse(notice.payload) as NoticeEntry;
      result = await deliver(webhook, notice.id, noticeBody({ ...notice, entry }, clock()));
    } catch (error) {
      result = { ok: false, status: null, error: `could not be sent: ${String(error)}` };
    }
    const durationMs = Math.round(performance.now() - started);
    await settleNotice(db, notice, result, { now: clock(), durationMs });
    return result.ok;
  };

  const pass = async (): Promise<NotifierPass> => {
    const now = clock();
    const counts: NotifierPass = {
      enqueued: await enqueueNotices(db, { thresholds, now }),
      dropped: await dropStaleNotices(db, engine, now),
      delivered: 0,
      failed: 0,
    };
    for (let batch = 0; batch < MAX_BATCHES && !stopped; batch++) {
      const claimed = await claimNotices(db, engine, {
        worker,
        now: clock(),
        leaseMs,
        limit: BATCH_SIZE,
      });
      if (claimed.length === 0) break;
      // Every claimed notice is settled before a failure to settle one ends the pass.
      const results = await Promise.allSettled(claimed.map(send));
      for (const r of results) {
        if (r.status === "rejected") throw r.reason;
        if (r.value) counts.delivered++;
        else counts.failed++;
      }
    }
    return counts;
  };

  let last: Promise<unknown> = Promise.resolve();
  const runOnce = () => {
    const run = last.then(pass, pass);
    last = run.catch(() => undefined);
    return run;
  };
  const tick = () => {
    if (!stopped) runOnce().catch(options.onError ?? logError);
  };
  const timer = setInterval(tick, config.NOTIFY_INTERVAL_MS);
  timer.unref();
  tick();

  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await last;
    },
  };
}
