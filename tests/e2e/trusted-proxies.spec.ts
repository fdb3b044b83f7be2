import crypto from "node:crypto";
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type Page,
} from "@playwright/test";
import { startBalancer, type Balancer } from "@/tests/support/balancer";
import {
  freePortIn,
  signInThroughForm,
  startSecondServer,
  type ConsoleServer,
} from "./second-server";

/**
 * The sign-in throttle counts clients, not the balancer in front of the console. One console
 * (SIGN_IN_RATE_LIMIT=3, TRUSTED_PROXIES=127.0.0.2/32) behind two balancer fronts that connect from
 * 127.0.0.2 and each stand for clients at one address (they append it to X-Forwarded-For, as a real
 * balancer appends its peer's). A client connecting directly (127.0.0.1, not trusted) is counted by
 * its own address, whatever headers it sends.
 */
const LIMIT = 3;
const CLIENT_A = "203.0.113.10";
const CLIENT_B = "198.51.100.20";
const BALANCER_HOST = "127.0.0.2";
const signedOut = { cookies: [], origins: [] };
const adminKey = `proxies-admin-${crypto.randomBytes(12).toString("hex")}`;

let server: ConsoleServer | undefined;
let frontA: Balancer | undefined;
let frontB: Balancer | undefined;

test.use({ storageState: signedOut });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startSecondServer({
    LOCAL_PLATFORM_TLS_PORT: String(await freePortIn(9100, 9199)),
    LOCAL_PLATFORM_ADMIN_KEY: adminKey,
    SIGN_IN_RATE_LIMIT: String(LIMIT),
    TRUSTED_PROXIES: `${BALANCER_HOST}/32`,
  });
  const backends = [server.origin];
  frontA = await startBalancer(backends, { clientAddress: CLIENT_A, localAddress: BALANCER_HOST });
  frontB = await startBalancer(backends, { clientAddress: CLIENT_B, localAddress: BALANCER_HOST });
});

test.afterAll(async () => {
  await frontA?.close();
  await frontB?.close();
  await server?.stop();
});

/**
 * Attempts are counted per wall-clock minute: when little of the current one is left, wait for the
 * next, so every attempt of the test falls in one window.
 */
async function startOfAWindow() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

async function trySignIn(page: Page, key: string) {
  await page.getByLabel("Access key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const wrongKey = () => `wrong-${crypto.randomBytes(8).toString("hex")}`;
const REFUSED = "The platform did not accept this access key.";
const TOO_MANY = "Too many sign-in attempts";

test("a client over the sign-in limit behind the balancer does not lock out others; headers a client sends choose nothing", async ({
  browser,
}) => {
  await startOfAWindow();

  // Client A (through front A) claims to be client B in both headers: neither is believed.
  const spoof = { "x-forwarded-for": CLIENT_B, "x-dce-client-address": CLIENT_B };
  const a = await browser.newContext({ storageState: signedOut, extraHTTPHeaders: spoof });
  const pageA = await a.newPage();
  await pageA.goto(`${frontA!.origin}/sign-in`);
  const posted = pageA.waitForRequest(
    (r) => r.method() === "POST" && r.headers()["next-action"] !== undefined,
  );
  for (let attempt = 1; attempt <= LIMIT; attempt++) {
    await trySignIn(pageA, wrongKey());
    await expect(pageA.getByText(REFUSED)).toBeVisible();
  }
  // Over the limit: the message, even for the right key.
  await trySignIn(pageA, adminKey);
  await expect(pageA.getByText(/^Too many sign-in attempts\. Try again in \d+ s\.$/)).toBeVisible();

  // The sign-in action as a script sends it (a wrong key), from A, then from a direct client.
  const first = await posted;
  const headers = await first.allHeaders();
  const body = first.postDataBuffer()!;
  const post = (api: APIRequestContext, origin: string, extra: Record<string, string> = {}) =>
    api
      .post(`${origin}/sign-in`, {
        headers: {
          "next-action": headers["next-action"]!,
          "content-type": headers["content-type"]!,
          accept: "text/x-component",
          origin,
          ...extra,
        },
        data: body,
        maxRedirects: 0,
      })
      .then(async (r) => ({ status: r.status(), text: await r.text() }));
  const outcome = (r: { status: number; text: string }) =>
    r.status === 429
      ? "429"
      : r.text.includes(REFUSED)
        ? "refused"
        : r.text.includes(TOO_MANY)
          ? "too many"
          : `${r.status} ${r.text.slice(0, 200)}`;

  // A keeps going: the message up to twice the limit, then the hard 429.
  const fromA: string[] = [];
  for (let attempt = LIMIT + 2; attempt <= 2 * LIMIT + 1; attempt++) {
    fromA.push(outcome(await post(a.request, frontA!.origin)));
  }
  expect(fromA).toEqual(["too many", "too many", "429"]);

  // Client C connects directly: not a trusted proxy, so its X-Forwarded-For (and the console's own
  // header) are ignored, and a new made-up address on every attempt does not escape its count.
  const c = await playwrightRequest.newContext();
  const fromC: string[] = [];
  for (let attempt = 1; attempt <= 2 * LIMIT + 1; attempt++) {
    const fake = `192.0.2.${attempt}`;
    const spoofed = { "x-forwarded-for": fake, "x-dce-client-address": fake, "x-real-ip": fake };
    fromC.push(outcome(await post(c, server!.origin, spoofed)));
  }
  expect(fromC).toEqual([
    ...Array<string>(LIMIT).fill("refused"),
    ...Array<string>(LIMIT).fill("too many"),
    "429",
  ]);
  await c.dispose();

  // Client B, through front B (the same balancer host), signs in with a valid key.
  const b = await browser.newContext({ storageState: signedOut });
  await signInThroughForm(await b.newPage(), frontB!.origin, adminKey);
  expect((await b.cookies(frontB!.origin)).map((cookie) => cookie.name)).toContain("dce_session");

  // And A is still limited.
  expect(outcome(await post(a.request, frontA!.origin))).toBe("429");
  await a.close();
  await b.close();
});
