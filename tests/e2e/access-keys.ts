import {
  expect,
  request,
  type APIRequestContext,
  type Page,
  type Response,
} from "@playwright/test";
import { E2E } from "./env";
import { uniqueName } from "./platform";

/**
 * Access keys made and read through the local platform's management API as the admin (over its
 * HTTPS port), for the Access keys page's e2e tests; and a recorder of everything the browser
 * received, to show that no key's secret ever reaches it.
 */
const API = `https://127.0.0.1:${E2E.tlsPort}/kubernetes/management/apis/management.loft.sh/v1`;

export interface MadeKey {
  name: string;
  secret: string;
  displayName: string;
}

export interface StoredKey {
  metadata: { name: string; resourceVersion?: string };
  spec: { disabled?: boolean; key?: string; type?: string };
}

export class KeyPlatform {
  private constructor(private readonly api: APIRequestContext) {}

  static async open(): Promise<KeyPlatform> {
    return new KeyPlatform(await request.newContext({ ignoreHTTPSErrors: true }));
  }

  async dispose(): Promise<void> {
    await this.api.dispose();
  }

  private headers(key: string = E2E.adminKey) {
    return { Authorization: `Bearer ${key}` };
  }

  /** A new user with a unique name. */
  async createUser(prefix = "keys"): Promise<string> {
    const name = uniqueName(prefix);
    const response = await this.api.post(`${API}/users`, {
      headers: this.headers(),
      data: {
        apiVersion: "management.loft.sh/v1",
        kind: "User",
        metadata: { name },
        spec: { displayName: `User ${name}` },
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    return name;
  }

  /** A key of `user`'s, made by the admin; returns its name and secret. */
  async createKey(
    user: string,
    spec: Record<string, unknown> & { displayName: string },
  ): Promise<MadeKey> {
    const name = uniqueName("key").slice(0, 63);
    const response = await this.api.post(`${API}/ownedaccesskeys`, {
      headers: this.headers(),
      data: {
        apiVersion: "management.loft.sh/v1",
        kind: "OwnedAccessKey",
        metadata: { name },
        spec: { user, ...spec },
      },
    });
    expect(response.status(), `POST ownedaccesskeys: ${await response.text()}`).toBe(201);
    const created = (await response.json()) as { spec: { key: string } };
    return { name, secret: created.spec.key, displayName: spec.displayName };
  }

  /** The key as the admin reads it, or null once it is gone (404). */
  async readKey(name: string): Promise<StoredKey | null> {
    const response = await this.api.get(`${API}/ownedaccesskeys/${name}`, {
      headers: this.headers(),
    });
    if (response.status() === 404) return null;
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as StoredKey;
  }

  /** The HTTP status the platform answers `POST selves` with when `secret` is presented. */
  async selvesStatus(secret: string): Promise<number> {
    const response = await this.api.post(`${API}/selves`, {
      headers: this.headers(secret),
      data: { apiVersion: "management.loft.sh/v1", kind: "Self", metadata: {}, spec: {} },
    });
    return response.status();
  }
}

/**
 * Records the body of every response the page receives (documents, RSC payloads, server action
 * answers, scripts) so a test can check that none holds a secret.
 */
export function recordResponses(page: Page) {
  const bodies: Promise<{ url: string; body: string }>[] = [];
  const onResponse = (response: Response) => {
    bodies.push(
      response.body().then(
        (body) => ({ url: response.url(), body: body.toString("utf8") }),
        () => ({ url: response.url(), body: "" }),
      ),
    );
  };
  page.on("response", onResponse);
  return {
    /** Fails naming the response that carried any of `secrets`, also in the page's current HTML. */
    async expectNoneContains(secrets: string[]) {
      page.off("response", onResponse);
      const all = await Promise.all(bodies);
      expect(all.length).toBeGreaterThan(0);
      const html = page.isClosed() ? "" : await page.content();
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(8);
        for (const { url, body } of all) expect(body.includes(secret), url).toBe(false);
        expect(html.includes(secret), "the page's HTML").toBe(false);
      }
    },
  };
}

/** Signs in through the form with `secret`, landing on `next`. */
export async function signInTo(page: Page, secret: string, next = "/access-keys") {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Access key").fill(secret);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, "\\$&")}$`));
}
