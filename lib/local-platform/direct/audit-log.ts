import fs from "node:fs";
import { auditDirOf, auditFileOf } from "./audit-file";

/**
 * The direct endpoints' audit log: `DATA_DIR/audit/direct.log` (0600, in a 0700 directory), one
 * `audit.k8s.io/v1` Event a line, appended through one write stream (no fsync per line), rotated by
 * size: past `maxBytes` the file becomes `direct.log.1`, `.1` becomes `.2`, … up to `keep` files.
 */

export const AUDIT_MAX_BYTES = 10 * 1024 * 1024;
export const AUDIT_KEEP = 5;

export interface AuditLogOptions {
  /** Rotate before a line would take the file past this size (bytes); 10 MiB by default. */
  maxBytes?: number;
  /** Rotated files kept (`direct.log.1` … `.<keep>`); 5 by default. */
  keep?: number;
}

export interface AuditLog {
  write(event: object): void;
  /** Resolves once every line written so far has reached the file. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const sizeOf = (file: string) => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

/**
 * Opened by file descriptor, synchronously: renaming the file on rotation leaves lines still
 * queued on the old stream in the file they were written to (now `.1`).
 */
function openStream(file: string) {
  const fd = fs.openSync(file, "a", 0o600);
  fs.fchmodSync(fd, 0o600);
  const stream = fs.createWriteStream("", { fd, autoClose: true });
  stream.on("error", (error) => console.error("local platform: audit log:", error.message));
  return stream;
}

function shift(file: string, keep: number) {
  for (let i = keep - 1; i >= 1; i--) {
    if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  }
  if (keep >= 1) fs.renameSync(file, `${file}.1`);
  else fs.rmSync(file, { force: true });
}

export function openAuditLog(dataDir: string, options: AuditLogOptions = {}): AuditLog {
  const maxBytes = options.maxBytes ?? AUDIT_MAX_BYTES;
  const keep = options.keep ?? AUDIT_KEEP;
  const dir = auditDirOf(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const file = auditFileOf(dataDir);
  let size = sizeOf(file);
  let stream = openStream(file);

  const rotate = () => {
    stream.end();
    shift(file, keep);
    size = 0;
    stream = openStream(file);
  };
  return {
    write(event) {
      const line = `${JSON.stringify(event)}\n`;
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) {
        try {
          rotate();
        } catch (error) {
          console.error("local platform: audit log rotation:", (error as Error).message);
        }
      }
      stream.write(line);
      size += bytes;
    },
    flush: () => new Promise((resolve) => stream.write("", () => resolve())),
    close: () => new Promise((resolve) => stream.end(() => resolve())),
  };
}
