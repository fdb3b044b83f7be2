import { decodeJwt } from "jose";
import { expect, test, type Page } from "@playwright/test";
import { fingerprintOf } from "@/lib/ledger/store";
import {
  ALREADY_SENT,
  captureIssueRequest,
  createUser,
  newSubmissionId,
  openBuilder,
  revealedToken,
  sendIssue,
  signInAt,
  startConsole,
  tokenIn,
  viewer,
  type Console,
} from "./replicas";
import type { ConsoleServer } from "./second-server";

/**
 * Several replicas behave as one console: three console processes sharing PostgreSQL and
 * SESSION_SECRET, one platform, a round-robin balancer in front (tests/e2e/replicas.ts). Sessions,
 * the double-submit guard and the ledger live in the shared store, so it must not matter which
 * replica answers — nor that one of them dies with kill -9 in the middle of issuing.
 */
let dce: Console;

test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dce = await startConsole(3);
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await dce?.stop();
});

const issueButton = (page: Page) => page.getByRole("button", { name: "Issue token" });

test("sign in through one, issue through another, sign out through a third: the old cookie then fails everywhere", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const [a, b, c] = dce.replicas as [ConsoleServer, ConsoleServer, ConsoleServer];
  const user = await createUser(dce.platform, "replicas-abc");
  const context = await browser.newContext();
  const page = await context.newPage();

  // All replicas are on 127.0.0.1: the cookie set by A is sent to B and C (cookies ignore ports).
  await signInAt(page, a.origin, user);
  await openBuilder(page, b.origin, user, "issued through replica B");
  await issueButton(page).click();
  await expect(viewer(page)).toBeVisible();
  const token = await revealedToken(page);
  expect(decodeJwt(token).sub).toBe(user.name);
  expect(await dce.ledgerEntries(user.name)).toEqual([
    expect.objectContaining({
      fingerprint: fingerprintOf(token),
      note: "issued through replica B",
    }),
  ]);

  const session = (await context.cookies(a.origin)).find((c) => c.name === "dce_session");
  expect(session).toBeDefined();
  await page.goto(`${c.origin}/tokens/new`);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${c.origin}/sign-in`);
  await context.close();

  // The old cookie, replayed in a fresh browser, is signed out on every replica and the balancer.
  const stale = await browser.newContext();
  await stale.addCookies([session!]);
  const probe = await stale.newPage();
  for (const origin of [a.origin, b.origin, c.origin, dce.balancer.origin]) {
    await probe.goto(`${origin}/tokens/new`);
    await expect(probe, origin).toHaveURL(`${origin}/sign-in?next=%2Ftokens%2Fnew`);
  }
  await stale.close();
  // And outside a browser: each replica's route handlers refuse it too.
  for (const origin of [a.origin, b.origin, c.origin]) {
    const response = await fetch(`${origin}/api/projects`, {
      headers: { cookie: `dce_session=${session!.value}` },
    });
    expect(response.status, origin).toBe(401);
  }
});

test("through the balancer, a whole sign-in and issue works while requests alternate between replicas", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const user = await createUser(dce.platform, "replicas-lb");
  const from = dce.balancer.served.length;

  await signInAt(page, dce.balancer.origin, user);
  await openBuilder(page, dce.balancer.origin, user, "issued through the balancer");
  await issueButton(page).click();
  await expect(viewer(page)).toBeVisible();
  const token = await revealedToken(page);
  expect(await dce.ledgerFingerprints(user.name)).toEqual([fingerprintOf(token)]);

  // Every replica took part: pages, assets, reads and the two actions (sign in, issue) were spread
  // over all three.
  const served = dce.balancer.served.slice(from);
  expect(new Set(served.map((s) => s.backend))).toEqual(new Set([0, 1, 2]));
  expect(served.filter((s) => s.method === "POST").length).toBeGreaterThanOrEqual(2);
});

test("one submission sent to three replicas at once issues one token", async ({ page }) => {
  test.setTimeout(90_000);
  const [a, b, c] = dce.replicas as [ConsoleServer, ConsoleServer, ConsoleServer];
  const user = await createUser(dce.platform, "replicas-once");
  await signInAt(page, a.origin, user);
  await openBuilder(page, b.origin, user, "sent three times");

  // The browser's request to B is held until the two copies are ready, then all three go together.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const captured = captureIssueRequest(page, b.origin, held);
  await issueButton(page).click();
  const request = await captured;
  const copies = Promise.all([sendIssue(request, a.origin), sendIssue(request, c.origin)]);
  release();

  // The browser's answer is what it shows: the token, or that the request was already sent.
  const alreadySent = page.getByRole("alert").filter({ hasText: ALREADY_SENT });
  await expect(viewer(page).or(alreadySent)).toBeVisible();
  const browserGot = (await viewer(page).isVisible()) ? await revealedToken(page) : ALREADY_SENT;
  const answers = [browserGot, ...(await copies).map((answer) => answer.text)];

  const tokens = answers.flatMap((text) => tokenIn(text) ?? []);
  expect(tokens, "tokens across the three answers").toHaveLength(1);
  expect(answers.filter((text) => text.includes(ALREADY_SENT))).toHaveLength(2);
  expect(await dce.ledgerFingerprints(user.name)).toEqual([fingerprintOf(tokens[0]!)]);
  expect(dce.platform.issuedTo(user.name)).toEqual([decodeJwt(tokens[0]!).jti]);
});

test("the ledger holds exactly what was issued through the balancer", async ({ page }) => {
  test.setTimeout(90_000);
  const user = await createUser(dce.platform, "replicas-ledger");
  await signInAt(page, dce.balancer.origin, user);
  await openBuilder(page, dce.balancer.origin, user, "ledger check");
  const captured = captureIssueRequest(page, dce.balancer.origin);
  await issueButton(page).click();
  await expect(viewer(page)).toBeVisible();
  const received = [await revealedToken(page)];
  const request = await captured;

  // 30 more submissions of the same form, 6 at a time, each with its own submission id.
  const from = dce.balancer.served.length;
  for (let round = 0; round < 5; round++) {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => sendIssue(request, dce.balancer.origin, newSubmissionId())),
    );
    for (const answer of answers) {
      const token = tokenIn(answer.text);
      expect(token, answer.text.slice(0, 500)).toBeDefined();
      received.push(token!);
    }
  }
  expect(new Set(dce.balancer.served.slice(from).map((s) => s.backend))).toEqual(
    new Set([0, 1, 2]),
  );

  const ledger = await dce.ledgerFingerprints(user.name);
  expect(ledger).toHaveLength(31);
  expect(new Set(ledger)).toEqual(new Set(received.map(fingerprintOf)));
  expect(new Set(dce.platform.issuedTo(user.name))).toEqual(
    new Set(received.map((t) => decodeJwt(t).jti)),
  );
});

test("kill -9 of a replica mid-issue loses no ledger entry for a token the user received", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // A fourth replica joins to be killed, so the three behind the balancer stay up.
  const victim = await dce.addReplica("victim");
  const user = await createUser(dce.platform, "replicas-kill");
  await signInAt(page, victim.origin, user);
  await openBuilder(page, victim.origin, user, "kill -9");
  const captured = captureIssueRequest(page, victim.origin);
  await issueButton(page).click();
  await expect(viewer(page)).toBeVisible();
  const received = [await revealedToken(page)];
  const request = await captured;

  // WORKERS submissions always in flight; the KILL_AFTER-th complete answer triggers kill -9 while
  // the other workers' requests are still being served.
  const WORKERS = 24;
  const KILL_AFTER = 40;
  let answered = 0;
  let sent = 0;
  let cutOff = 0;
  let cutAfterToken = 0;
  let killing: Promise<void> | undefined;
  const unexpected: string[] = [];
  const worker = async () => {
    while (!killing) {
      sent++;
      const answer = await sendIssue(request, victim.origin, newSubmissionId());
      const token = tokenIn(answer.text);
      if (token) received.push(token);
      if (!answer.complete) {
        cutOff++;
        if (token) cutAfterToken++;
        return;
      }
      if (!token) unexpected.push(answer.text.slice(0, 500));
      if (++answered >= KILL_AFTER) killing ??= victim.kill9();
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await killing;

  expect(unexpected).toEqual([]);
  // Otherwise nothing was in flight when the replica died, and the test proved nothing.
  expect(cutOff, `${sent} sent, ${answered} answered`).toBeGreaterThanOrEqual(1);

  const ledger = new Set(await dce.ledgerFingerprints(user.name));
  const missing = received.filter((t) => !ledger.has(fingerprintOf(t)));
  expect(missing.map((t) => decodeJwt(t).jti)).toEqual([]);
  // Whatever the ledger holds, the platform issued (no entry without a token behind it).
  const issued = new Set(dce.platform.issuedTo(user.name));
  const entries = await dce.ledgerEntries(user.name);
  expect(entries.filter((e) => !issued.has(e.token_id ?? ""))).toEqual([]);
  console.log(
    `kill -9: ${sent + 1} issue requests, ${received.length} tokens received, ${cutOff} answers cut off ` +
      `(${cutAfterToken} after their token arrived); ledger ${entries.length} entries, platform issued ${issued.size}`,
  );

  // The same session goes on through the surviving replicas.
  const after = await sendIssue(request, dce.balancer.origin, newSubmissionId());
  expect(tokenIn(after.text), after.text.slice(0, 500)).toBeDefined();
});
