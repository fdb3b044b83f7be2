import crypto from "node:crypto";
import { expect, request, type APIRequestContext, type Page } from "@playwright/test";
import { E2E } from "./env";

/**
 * Test fixtures made through the local platform's management API (as the admin, over its HTTPS
 * port with its self-signed CA), so the e2e tests never depend on the demo data's names.
 */
const API = `https://127.0.0.1:${E2E.tlsPort}/kubernetes/management/apis/management.loft.sh/v1`;

/**
 * A DNS label unique to this run: `<prefix>-<countdown><random>`. The countdown makes newer names
 * sort first, so a reused DATA_DIR full of older runs' projects keeps this run's projects on the
 * first page of the project lists (the instance pickers' project select shows only that page).
 */
export function uniqueName(prefix: string): string {
  const countdown = (36 ** 8 - Date.now()).toString(36).padStart(8, "0");
  return `${prefix}-${countdown}${crypto.randomBytes(3).toString("hex")}`;
}

/** A token issued on the local platform directly (as the admin unless `key` is given). */
export async function issueToken(
  spec: { ttl?: number; scope?: Record<string, unknown> },
  key: string = E2E.adminKey,
): Promise<string> {
  const api = await request.newContext({ ignoreHTTPSErrors: true });
  const response = await api.post(`${API}/directclusterendpointtokens`, {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      apiVersion: "management.loft.sh/v1",
      kind: "DirectClusterEndpointToken",
      metadata: {},
      spec,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const token = ((await response.json()) as { status: { token: string } }).status.token;
  await api.dispose();
  return token;
}

export class Platform {
  private constructor(
    private readonly api: APIRequestContext,
    private readonly base: string,
    private readonly adminKey: string,
  ) {}

  /** The shared e2e server's platform, or another's (its TLS port and admin key). */
  static async open(other?: { tlsPort: number; adminKey: string }): Promise<Platform> {
    return new Platform(
      await request.newContext({ ignoreHTTPSErrors: true }),
      other
        ? `https://127.0.0.1:${other.tlsPort}/kubernetes/management/apis/management.loft.sh/v1`
        : API,
      other?.adminKey ?? E2E.adminKey,
    );
  }

  async dispose(): Promise<void> {
    await this.api.dispose();
  }

  private async create<T>(path: string, body: unknown, key = this.adminKey): Promise<T> {
    const response = await this.api.post(`${this.base}/${path}`, {
      headers: { Authorization: `Bearer ${key}` },
      data: body,
    });
    expect(response.status(), `POST ${path}: ${await response.text()}`).toBe(201);
    return (await response.json()) as T;
  }

  /** Names of the projects the admin sees. */
  async projectNames(): Promise<string[]> {
    const names: string[] = [];
    let next: string | undefined;
    do {
      const response = await this.api.get(`${this.base}/projects`, {
        headers: { Authorization: `Bearer ${this.adminKey}` },
        params: { limit: 500, ...(next ? { continue: next } : {}) },
      });
      expect(response.status()).toBe(200);
      const list = (await response.json()) as {
        items: Array<{ metadata: { name: string } }>;
        metadata: { continue?: string };
      };
      names.push(...list.items.map((p) => p.metadata.name));
      next = list.metadata.continue || undefined;
    } while (next);
    return names;
  }

  async createProject(name: string, spec: { displayName?: string; members?: string[] } = {}) {
    await this.create("projects", {
      apiVersion: "management.loft.sh/v1",
      kind: "Project",
      metadata: { name },
      spec: {
        ...(spec.displayName ? { displayName: spec.displayName } : {}),
        members: (spec.members ?? []).map((user) => ({ kind: "User", name: user })),
      },
    });
  }

  async createSpace(project: string, name: string, displayName?: string) {
    await this.create(`namespaces/p-${project}/spaceinstances`, {
      apiVersion: "management.loft.sh/v1",
      kind: "SpaceInstance",
      metadata: { name },
      spec: displayName ? { displayName } : {},
    });
  }

  async createVirtualCluster(project: string, name: string, displayName?: string) {
    await this.create(`namespaces/p-${project}/virtualclusterinstances`, {
      apiVersion: "management.loft.sh/v1",
      kind: "VirtualClusterInstance",
      metadata: { name },
      spec: displayName ? { displayName } : {},
    });
  }

  async createUser(name: string, displayName: string) {
    await this.create("users", {
      apiVersion: "management.loft.sh/v1",
      kind: "User",
      metadata: { name },
      spec: { displayName },
    });
  }

  async createTeam(name: string, displayName: string) {
    await this.create("teams", {
      apiVersion: "management.loft.sh/v1",
      kind: "Team",
      metadata: { name },
      spec: { displayName },
    });
  }

  /** A new access key owned by team `team`; returns its secret. */
  async createTeamAccessKey(team: string): Promise<string> {
    const created = await this.create<{ spec: { key: string } }>("ownedaccesskeys", {
      apiVersion: "management.loft.sh/v1",
      kind: "OwnedAccessKey",
      metadata: { name: uniqueName(`key-team-${team}`).slice(0, 63) },
      spec: { team, displayName: "e2e" },
    });
    return created.spec.key;
  }

  /** A new access key for `user` (optionally scoped or limited in time); returns its secret. */
  async createAccessKey(
    user: string,
    limits: { scope?: unknown; ttl?: number } = {},
  ): Promise<string> {
    const created = await this.create<{ spec: { key: string } }>("ownedaccesskeys", {
      apiVersion: "management.loft.sh/v1",
      kind: "OwnedAccessKey",
      metadata: { name: uniqueName(`key-${user}`).slice(0, 63) },
      spec: { user, displayName: "e2e", ...limits },
    });
    return created.spec.key;
  }
}

/**
 * Waits until React has hydrated the builder (its expiry hint is computed in the browser only), so
 * a first interaction is never lost on server-rendered markup.
 */
export async function builderReady(page: Page) {
  await expect(page.locator("#ttl-expiry")).toContainText("from now");
}

/** Signs in through the form (the page must be signed out) and waits for the builder. */
export async function signIn(page: Page, accessKey: string, path = "/sign-in") {
  await page.goto(path);
  await page.getByLabel("Access key").fill(accessKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/tokens\/new/);
  await builderReady(page);
}

/** Chooses the project of the Spaces or Virtual clusters picker (a searchable combobox). */
export async function chooseProject(
  page: Page,
  picker: "Spaces" | "Virtual clusters",
  project: string,
) {
  const group = page.getByRole("group", { name: picker, exact: true });
  const input = group.getByRole("combobox", { name: "Project", exact: true });
  await input.fill(project);
  await group.locator(`[role="option"][data-value="${project}"]`).click();
  await expect(
    group.getByRole("button", { name: `Change project (now ${project})` }),
  ).toBeVisible();
}
