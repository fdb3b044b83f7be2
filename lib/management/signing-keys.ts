import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import { getConfig } from "@/lib/config";
import { HOW_TO_VERIFY, KEYS_NOT_PUBLISHED } from "@/lib/token/verify";
import { accessKeyHash, managementRequest } from "@/lib/management/client";
import { ManagementError } from "@/lib/management/errors";
import { clustersViaProjects } from "@/lib/management/lists";
import { getAgentConfig, listClusters } from "@/lib/management/resources";

/**
 * Where the platform's token signing keys can be read, in order:
 * 1. `TOKEN_KEYS_FILE` (PEM certificates / public keys, or a JWK Set) or `TOKEN_KEYS_URL` (a JWK Set);
 * 2. a cluster's agent configuration, `tokenCaCert` — "the certificate authority the Loft tokens
 *    will be signed with" — when the signed-in user may read it;
 * 3. the platform's OIDC provider (`/oidc`, opt-in on the platform), whose keys may or may not be the
 *    ones that sign these tokens (no public source says).
 * A platform root `/.well-known/openid-configuration` appears in no public source and is not asked.
 * Keys read from certificates carry kid = base64url(SHA-256(DER SubjectPublicKeyInfo)), the
 * Kubernetes signer's convention, which the platform's kids appear to follow.
 */

export type PublicJwk = Record<string, unknown> & { kty: string; kid?: string };
export type SigningKeys = { keys: PublicJwk[]; source: string };

/** The Status message of `/api/jwks` when none of the sources has keys. */
export const KEYS_NOT_FOUND = `${KEYS_NOT_PUBLISHED} Looked for: TOKEN_KEYS_FILE / TOKEN_KEYS_URL, a cluster's agent configuration, the /oidc provider. ${HOW_TO_VERIFY}`;

const CACHE_MS = 5 * 60_000;
const cache = new Map<string, { at: number; value: Promise<SigningKeys | null> }>();

/** The Kubernetes signer's kid of a public key: base64url(SHA-256(DER SPKI)). */
export function spkiKid(key: crypto.KeyObject): string {
  const der = key.export({ type: "spki", format: "der" });
  return crypto.createHash("sha256").update(der).digest("base64url");
}

function toJwk(key: crypto.KeyObject): PublicJwk {
  const jwk = key.export({ format: "jwk" }) as PublicJwk;
  return { ...jwk, kid: spkiKid(key), use: "sig" };
}

/** Public keys in PEM text: CERTIFICATE and PUBLIC KEY blocks (private keys are never read). */
export function keysFromPem(text: string): PublicJwk[] {
  const blocks = text.match(/-----BEGIN (CERTIFICATE|PUBLIC KEY)-----[\s\S]+?-----END \1-----/g);
  return (blocks ?? []).map((block) =>
    toJwk(
      block.includes("CERTIFICATE")
        ? new crypto.X509Certificate(block).publicKey
        : crypto.createPublicKey(block),
    ),
  );
}

/** Public keys of a JWK Set (or one JWK); private and symmetric keys are dropped. */
export function keysFromJwks(value: unknown): PublicJwk[] {
  const record = (value ?? {}) as { keys?: unknown };
  const list = Array.isArray(record.keys) ? record.keys : [value];
  return list.filter(
    (k): k is PublicJwk =>
      typeof k === "object" &&
      k !== null &&
      typeof (k as PublicJwk).kty === "string" &&
      (k as PublicJwk).kty !== "oct" &&
      !("d" in k),
  );
}

function fromFile(file: string): SigningKeys | null {
  const text = fs.readFileSync(file, "utf8");
  const keys = text.trim().startsWith("{") ? keysFromJwks(JSON.parse(text)) : keysFromPem(text);
  return keys.length ? { keys, source: `the keys in ${file} (TOKEN_KEYS_FILE)` } : null;
}

async function fromUrl(url: string): Promise<SigningKeys | null> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(getConfig().PLATFORM_TIMEOUT_MS),
    headers: { accept: "application/json" },
  });
  if (!response.ok) return null;
  const keys = keysFromJwks(await response.json());
  return keys.length ? { keys, source: `the keys at ${url} (TOKEN_KEYS_URL)` } : null;
}

/** A few clusters the user can see: the cluster list, or the clusters of their first projects. */
async function someClusters(accessKey: string): Promise<string[]> {
  try {
    return (await listClusters(accessKey, { limit: 3 })).items.map((c) => c.metadata.name);
  } catch (error) {
    if (!(error instanceof ManagementError) || error.code !== 403) throw error;
  }
  const { clusters } = await clustersViaProjects(accessKey, 3);
  return clusters.slice(0, 3).map((c) => c.metadata.name);
}

async function fromAgentConfig(accessKey: string): Promise<SigningKeys | null> {
  for (const cluster of await someClusters(accessKey)) {
    try {
      const config = await getAgentConfig(accessKey, cluster);
      if (!config.tokenCaCert) continue;
      const keys = keysFromPem(Buffer.from(config.tokenCaCert, "base64").toString("utf8"));
      if (keys.length)
        return {
          keys,
          source: `the platform's token CA (tokenCaCert of cluster ${cluster}'s agent configuration)`,
        };
    } catch (error) {
      if (!(error instanceof ManagementError)) throw error;
      if (error.code !== 403 && error.code !== 404) throw error;
    }
  }
  return null;
}

async function fromOidc(): Promise<SigningKeys | null> {
  try {
    const discovery = await managementRequest<{ jwks_uri?: string }>(
      null,
      "/oidc/.well-known/openid-configuration",
      { public: true, what: "Reading the platform's OIDC discovery document" },
    );
    // Only the path is used, against the configured platform: a response never picks the host.
    const path = discovery.jwks_uri ? new URL(discovery.jwks_uri, "http://x").pathname : undefined;
    if (!path) return null;
    const jwks = await managementRequest<unknown>(null, path, {
      public: true,
      what: "Reading the platform's OIDC keys",
    });
    const keys = keysFromJwks(jwks);
    return keys.length
      ? {
          keys,
          source:
            "the platform's OIDC provider keys (/oidc; whether they also sign these tokens is not documented)",
        }
      : null;
  } catch (error) {
    if (error instanceof ManagementError && error.code >= 400 && error.code < 500) return null;
    throw error;
  }
}

function cached(key: string, load: () => Promise<SigningKeys | null>) {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = load().catch((error: unknown) => {
    cache.delete(key);
    throw error;
  });
  if (cache.size > 1000) cache.clear();
  cache.set(key, { at: Date.now(), value });
  return value;
}

/**
 * The platform's token signing keys from the first place that has them, or null when it publishes
 * none the console can read. `accessKey` (the signed-in user's) enables the agent-config source.
 * Each answer is kept for five minutes, so anonymous callers cannot make the platform work harder.
 */
export async function platformSigningKeys(accessKey: string | null): Promise<SigningKeys | null> {
  const config = getConfig();
  if (config.TOKEN_KEYS_FILE) return cached("file", async () => fromFile(config.TOKEN_KEYS_FILE!));
  if (config.TOKEN_KEYS_URL) return cached("url", () => fromUrl(config.TOKEN_KEYS_URL!));
  if (accessKey) {
    const keys = await cached(`agent:${accessKeyHash(accessKey)}`, () =>
      fromAgentConfig(accessKey),
    );
    if (keys) return keys;
  }
  return cached("oidc", fromOidc);
}
