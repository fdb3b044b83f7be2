import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { CDPSession, Page } from "@playwright/test";
import { clickToToken, launch, signIn } from "./browser";
import { percentile, root, startServer } from "./server";
import { createDatabase, startPostgres } from "../tests/support/postgres";

/**
 * `npx tsx bench/first-click.ts [loads] [issues] [--postgres]`: click "Issue token" → token on
 * screen for the first issue after a fresh page load against the later ones from the same page.
 * Each load runs bench/browser.ts's clickToToken (the measurement of record); a script installed
 * before the page's own (see TIMELINE) records, on the page's clock, what happened between each
 * click and the region: the server action's round trip (resource timing), scripts fetched after the
 * click, the viewer's Suspense fallback, the region, and long animation frames (script, style and
 * layout time). Printed per issue, then p50 / max of the first issues against the later ones. One
 * more page load, outside those figures, is traced (CDP Tracing): the renderer's main-thread time
 * between each click and the region, by kind (script, style, layout, paint).
 */
const ADMIN_KEY = "bench-admin-key-7d1f0c9a2b3e4d5f";
const PORT = 3427;
const TLS_PORT = 8867;
const args = process.argv.slice(2);
const postgres = args.includes("--postgres");
const [loads = 8, issues = 3] = args.filter((a) => !a.startsWith("--")).map(Number);
const dataDir = path.join(root, ".bench", postgres ? "first-click-pg" : "first-click");

/**
 * Runs in the page before its own scripts (a string: the bench's TypeScript loader would wrap
 * named functions in a helper the page does not have). Fills `window.__firstClick`.
 */
const TIMELINE = `(() => {
  const log = (window.__firstClick = { clicks: [], fallbacks: [], regions: [], resources: [], frames: [] });
  document.addEventListener("click", (e) => {
    const button = e.target instanceof Element ? e.target.closest("button[type=submit]") : null;
    if (button) log.clicks.push(e.timeStamp);
  }, { capture: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      log.resources.push({ name: e.name, type: e.initiatorType, start: e.startTime,
        requestStart: e.requestStart, responseStart: e.responseStart, end: e.responseEnd });
  }).observe({ type: "resource", buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        log.frames.push({ start: e.startTime, duration: e.duration, renderStart: e.renderStart,
          styleAndLayoutStart: e.styleAndLayoutStart,
          scripts: e.scripts.map((s) => ({ invoker: s.invoker, source: s.sourceURL,
            start: s.startTime, duration: s.duration, forcedLayout: s.forcedStyleAndLayoutDuration })) });
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch {}
  let fallback = false, region = false;
  new MutationObserver(() => {
    const f = [...document.querySelectorAll("p[role=status]")].some((p) => p.textContent === "Showing what was issued…");
    const r = document.getElementById("issued-heading")?.textContent === "Issued token";
    if (f && !fallback) log.fallbacks.push(performance.now());
    if (r && !region) log.regions.push(performance.now());
    fallback = f; region = r;
  }).observe(document, { subtree: true, childList: true });
})();`;

interface Timeline {
  clicks: number[];
  fallbacks: number[];
  regions: number[];
  resources: {
    name: string;
    type: string;
    start: number;
    requestStart: number;
    responseStart: number;
    end: number;
  }[];
  frames: {
    start: number;
    duration: number;
    renderStart: number;
    styleAndLayoutStart: number;
    scripts: {
      invoker: string;
      source: string;
      start: number;
      duration: number;
      forcedLayout: number;
    }[];
  }[];
}

interface Phases {
  total: number;
  /** Click → the server action's request leaves (validation, the form's submit handler). */
  beforeSend: number;
  /** Request sent → first byte of the answer (the server's time). */
  serverTtfb: number;
  /** Request start → last byte. */
  action: number;
  /** Answer's first byte → the "Issued token" region in the document (React reads the answer as it streams). */
  toRegion: number;
  /** Whether the viewer's Suspense fallback showed first. */
  fallback: boolean;
  /** Scripts fetched between the click and the region. */
  scripts: number;
  /** Long animation frames between click and region: their script time, style and layout time. */
  longFrameScript: number;
  longFrameStyleLayout: number;
}

function phasesOf(t: Timeline, i: number, total: number): Phases {
  const click = t.clicks[i]!;
  const region = t.regions[i]!;
  const during = <T extends { start: number }>(list: T[]) =>
    list.filter((e) => e.start >= click - 1 && e.start <= region);
  const action = during(t.resources).find(
    (r) => r.type === "fetch" && new URL(r.name).pathname === "/tokens/new",
  );
  const frames = t.frames.filter((f) => f.start + f.duration >= click && f.start <= region);
  return {
    total,
    beforeSend: action ? action.start - click : NaN,
    serverTtfb: action ? action.responseStart - action.requestStart : NaN,
    action: action ? action.end - action.start : NaN,
    toRegion: action ? region - action.responseStart : NaN,
    fallback: t.fallbacks.some((f) => f >= click && f <= region),
    scripts: during(t.resources).filter((r) => r.type === "script" || r.type === "link").length,
    longFrameScript: frames.reduce((s, f) => s + f.scripts.reduce((a, x) => a + x.duration, 0), 0),
    longFrameStyleLayout: frames.reduce(
      (s, f) => s + (f.styleAndLayoutStart ? f.start + f.duration - f.styleAndLayoutStart : 0),
      0,
    ),
  };
}

async function databaseUrl(): Promise<{ url?: string; stop(): Promise<void> }> {
  if (!postgres) return { stop: async () => {} };
  const server = await startPostgres();
  return { url: await createDatabase(server.url), stop: () => server.stop() };
}

async function onePageLoad(page: Page, baseURL: string) {
  const click = await clickToToken(page, baseURL, "p=default&ttl=3600", issues);
  const timeline = (await page.evaluate(
    () => (window as unknown as { __firstClick: unknown }).__firstClick,
  )) as Timeline;
  return click.inPage.inOrder.map((total, i) => phasesOf(timeline, i, total));
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  args?: { data?: { type?: string } };
}

/** Main-thread trace event names, by the kind of work they are. */
const TRACE_KINDS: Record<string, string[]> = {
  script: ["EventDispatch", "FunctionCall", "TimerFire", "FireAnimationFrame", "RunMicrotasks"],
  style: ["UpdateLayoutTree"],
  layout: ["Layout"],
  paint: ["PrePaint", "Paint", "Layerize"],
};

async function traced(cdp: CDPSession, action: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (d: { value: object[] }) => void events.push(...(d.value as TraceEvent[]));
  cdp.on("Tracing.dataCollected", collect);
  const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", {
    categories: "devtools.timeline,disabled-by-default-devtools.timeline",
    transferMode: "ReportEvents",
  });
  await action();
  await cdp.send("Tracing.end");
  await complete;
  cdp.off("Tracing.dataCollected", collect);
  return events;
}

/** Main-thread milliseconds by kind from the click's dispatch to the end of the trace. */
function mainThreadByKind(events: TraceEvent[]) {
  const click = events.find((e) => e.name === "EventDispatch" && e.args?.data?.type === "click");
  if (!click) return undefined;
  // Top-level complete events only; nested ones of the same kind would count twice.
  const main = events.filter((e) => e.tid === click.tid && e.ph === "X" && e.ts >= click.ts);
  const kinds: Record<string, number> = {};
  for (const [kind, names] of Object.entries(TRACE_KINDS)) {
    const of = main.filter((e) => names.includes(e.name));
    kinds[kind] =
      of
        .filter((e) => !of.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur! >= e.ts + e.dur!))
        .reduce((sum, e) => sum + e.dur!, 0) / 1000;
  }
  return kinds;
}

/** One more page load with `issues` issues, each traced; prints main-thread time by kind. */
async function tracedPageLoad(page: Page, baseURL: string) {
  const cdp = await page.context().newCDPSession(page);
  await page.goto(`${baseURL}/tokens/new?p=default&ttl=3600`);
  for (let i = 0; i < issues; i++) {
    const button = page.getByRole("button", { name: "Issue token" });
    await button.waitFor();
    await page.waitForLoadState("networkidle");
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    if (!box) throw new Error("the Issue token button has no box");
    const events = await traced(cdp, async () => {
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.locator("#issued-heading").waitFor();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
    });
    const kinds = mainThreadByKind(events);
    console.log(
      `traced issue ${i + 1}: main thread ` +
        (kinds
          ? Object.entries(kinds)
              .map(([kind, ms]) => `${kind} ${ms.toFixed(1)}`)
              .join(", ")
          : "(no click in the trace)"),
    );
    await page.getByRole("button", { name: "Issue another" }).click();
  }
  await cdp.detach();
}

const fmt = (n: number) => (Number.isNaN(n) ? "   -" : n.toFixed(0).padStart(4));

function printIssue(load: number, i: number, p: Phases) {
  console.log(
    `load ${load} issue ${i + 1}: total ${fmt(p.total)}  beforeSend ${fmt(p.beforeSend)}` +
      `  server ${fmt(p.serverTtfb)}  action ${fmt(p.action)}  →region ${fmt(p.toRegion)}` +
      `  fallback ${p.fallback ? "yes" : " no"}  scripts ${p.scripts}` +
      `  longFrames script ${fmt(p.longFrameScript)} style+layout ${fmt(p.longFrameStyleLayout)}`,
  );
}

function summarize(label: string, list: Phases[]) {
  const stat = (key: keyof Phases) => {
    const values = list.map((p) => Number(p[key])).sort((a, b) => a - b);
    return `${fmt(percentile(values, 50))}/${fmt(values.at(-1)!)}`;
  };
  console.log(
    `${label.padEnd(6)} (p50/max, n=${list.length}): total ${stat("total")}  beforeSend ${stat("beforeSend")}` +
      `  server ${stat("serverTtfb")}  action ${stat("action")}  →region ${stat("toRegion")}` +
      `  fallback ${list.filter((p) => p.fallback).length}/${list.length}` +
      `  longFrame script ${stat("longFrameScript")} style+layout ${stat("longFrameStyleLayout")}`,
  );
}

/** Builds when sources changed; waits while another build of this checkout runs (up to ~5 min). */
async function build() {
  for (let attempt = 0; attempt < 30; attempt++) {
    const run = spawnSync(
      process.execPath,
      [path.join(root, "lib/server/launch.mjs"), "--build-only"],
      { cwd: root, encoding: "utf8" },
    );
    if (run.status === 0) return;
    if (!`${run.stdout}${run.stderr}`.includes("Another next build process is already running")) {
      process.stderr.write(`${run.stdout}${run.stderr}`);
      process.exit(run.status ?? 1);
    }
    await new Promise((r) => setTimeout(r, 10_000));
  }
  throw new Error("another build kept running");
}

fs.rmSync(dataDir, { recursive: true, force: true });
await build();
const db = await databaseUrl();
const server = await startServer({
  port: PORT,
  tlsPort: TLS_PORT,
  dataDir,
  adminKey: ADMIN_KEY,
  extra: db.url
    ? { DATABASE_URL: db.url, SESSION_SECRET: "bench-session-secret-0123456789abcdef0123" }
    : {},
});
const browser = await launch();
try {
  const context = await browser.newContext();
  await context.addInitScript({ content: TIMELINE });
  const page = await context.newPage();
  await signIn(page, server.baseURL, ADMIN_KEY);
  const first: Phases[] = [];
  const later: Phases[] = [];
  for (let load = 1; load <= loads; load++) {
    const phases = await onePageLoad(page, server.baseURL);
    phases.forEach((p, i) => printIssue(load, i, p));
    first.push(phases[0]!);
    later.push(...phases.slice(1));
  }
  console.log(
    `\n${postgres ? "PostgreSQL" : "SQLite"}, ${loads} page loads × ${issues} issues (ms):`,
  );
  summarize("first", first);
  summarize("later", later);
  console.log("");
  await tracedPageLoad(page, server.baseURL);
} finally {
  await browser.close();
  await server.stop();
  await db.stop();
}
