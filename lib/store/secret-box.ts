import crypto from "node:crypto";

/**
 * Encryption at rest for access keys in the console store: AES-256-GCM under keys derived (HKDF) from
 * SESSION_SECRET and any previous secrets. A box names the key that sealed it, so rotating the secret
 * keeps existing sessions readable until they are re-sealed under the new one. The additional data
 * binds a box to its key id and to what the caller names as its place (`context`, e.g. a session and
 * its principal): a box copied anywhere else does not open. Tags are always 16 bytes.
 */

const TAG_BYTES = 16;
const aad = (id: string, context: string) => Buffer.from(`${id}\0${context}`);
export interface KeyRing {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

function derive(secret: string): Buffer {
  return Buffer.from(
    crypto.hkdfSync("sha256", secret, "dce-token-console", "session access keys v1", 32),
  );
}

const keyId = (key: Buffer) =>
  crypto.createHash("sha256").update(key).digest("base64url").slice(0, 8);

export function keyRing(current: string, previous: readonly string[] = []): KeyRing {
  const keys = new Map<string, Buffer>();
  const first = derive(current);
  const currentId = keyId(first);
  keys.set(currentId, first);
  for (const secret of previous) {
    const key = derive(secret);
    if (!keys.has(keyId(key))) keys.set(keyId(key), key);
  }
  return { currentId, keys };
}

export function seal(ring: KeyRing, plaintext: string, context: string): string {
  const key = ring.keys.get(ring.currentId)!;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(ring.currentId, context));
  const body = Buffer.concat([
    cipher.update(plaintext, "utf8"),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return `${ring.currentId}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

/**
 * The plaintext, or null when no key in the ring opens the box for this `context` (unknown key,
 * tampered bytes, a box sealed for another place, a short tag).
 */
export function open(ring: KeyRing, box: string, context: string): string | null {
  const [id, iv, body, ...rest] = box.split(".");
  const key = id ? ring.keys.get(id) : undefined;
  if (!key || !iv || !body || rest.length) return null;
  try {
    const bytes = Buffer.from(body, "base64url");
    if (bytes.length < TAG_BYTES) return null;
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad(id!, context));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}

/** True when the box was sealed under an older key and should be re-sealed. */
export function sealedWithOlderKey(ring: KeyRing, box: string): boolean {
  return !box.startsWith(`${ring.currentId}.`);
}
