import fs from "node:fs";

/** DATA_DIR holds databases, keys and secrets: owner-only. */
export function ensureDataDir(dir: string) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}
