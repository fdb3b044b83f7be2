import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";

let cached: Uint8Array | undefined;

/**
 * The 256-bit key that seals session cookies: derived from SESSION_SECRET, or (local platform only)
 * generated once and kept in DATA_DIR so sessions survive restarts.
 */
export function sessionKey(): Uint8Array {
  if (cached) return cached;
  const config = getConfig();
  let secret = config.SESSION_SECRET;
  if (!secret) {
    const file = path.join(config.DATA_DIR, "session-secret");
    fs.mkdirSync(config.DATA_DIR, { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), {
        mode: 0o600,
        flag: "wx",
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    secret = fs.readFileSync(file, "utf8").trim();
  }
  cached = new Uint8Array(crypto.createHash("sha256").update(`dce-session:${secret}`).digest());
  return cached;
}
