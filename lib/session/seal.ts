import "server-only";
import { EncryptJWT, jwtDecrypt } from "jose";
import { z } from "zod";
import { readScopeOrUndefined } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";

/** What a session holds. The access key never leaves the server except sealed in the cookie. */
export const SessionData = z.object({
  accessKey: z.string().min(1),
  user: z.string(),
  displayName: z.string().optional(),
  subject: z.string().optional(),
  projectNamespacePrefix: z.string(),
  /** The key's own scope as read from `selves` (fields this console does not know set aside). */
  accessKeyScope: z
    .unknown()
    .transform((v): AccessKeyScope | undefined => readScopeOrUndefined(v))
    .optional(),
  /** Fields of the key's scope this console does not understand (shown beside its limits). */
  accessKeyScopeNotUnderstood: z.array(z.string()).optional(),
  /** When the signed-in key itself expires (seconds), when the platform says. */
  accessKeyExpires: z.number().optional(),
  /** Sign-in time (seconds); the absolute limit counts from here. */
  iat: z.number(),
  /** Last activity (seconds); the idle limit counts from here. */
  seen: z.number(),
});
export type SessionData = z.infer<typeof SessionData>;

export const IDLE_SECONDS = 30 * 60;
export const ABSOLUTE_SECONDS = 12 * 60 * 60;

export async function seal(data: SessionData, key: Uint8Array): Promise<string> {
  return new EncryptJWT({ ...data })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(data.iat)
    .setExpirationTime(Math.min(data.seen + IDLE_SECONDS, data.iat + ABSOLUTE_SECONDS))
    .encrypt(key);
}

/** The session in a cookie value, or null when it is missing, tampered, foreign, idle or too old. */
export async function unseal(
  value: string | undefined,
  key: Uint8Array,
  now = Math.floor(Date.now() / 1000),
): Promise<SessionData | null> {
  if (!value) return null;
  try {
    const { payload } = await jwtDecrypt(value, key, {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
      currentDate: new Date(now * 1000),
    });
    const data = SessionData.parse(payload);
    if (now - data.seen > IDLE_SECONDS || now - data.iat > ABSOLUTE_SECONDS) return null;
    return data;
  } catch {
    return null;
  }
}
