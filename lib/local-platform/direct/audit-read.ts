import fs from "node:fs/promises";
import { AUDIT_ANNOTATIONS, type AuditEvent } from "@/lib/explain/audit-event";
import { auditFileOf } from "./audit-file";

/** Rotated files looked at, at most (`direct.log.1` … `.100`). */
const MAX_ROTATED = 100;

/** The most events one read returns. */
export const AUDIT_READ_MAX = 10_000;

/** A file's lines; undefined when it does not exist. */
async function linesOf(file: string): Promise<string[] | undefined> {
  try {
    return (await fs.readFile(file, "utf8")).split("\n");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function parse(line: string): AuditEvent | undefined {
  if (!line) return undefined;
  try {
    const event = JSON.parse(line) as AuditEvent;
    return event.kind === "Event" ? event : undefined;
  } catch {
    return undefined; // a line still being written
  }
}

/**
 * The direct endpoints' audit events in `dataDir`, newest first (the current file, then
 * `direct.log.1`, …), only those of credential `jti` when given, at most `limit` (100 by default).
 */
export async function readAuditEvents(options: {
  dataDir: string;
  jti?: string;
  limit?: number;
}): Promise<AuditEvent[]> {
  const limit = Math.min(Math.max(options.limit ?? 100, 0), AUDIT_READ_MAX);
  const file = auditFileOf(options.dataDir);
  const out: AuditEvent[] = [];
  // Rotated files are numbered without gaps: the first missing one ends the log.
  for (let i = 0; i <= MAX_ROTATED && out.length < limit; i++) {
    const lines = await linesOf(i === 0 ? file : `${file}.${i}`);
    if (lines === undefined) {
      if (i === 0) continue;
      break;
    }
    for (let j = lines.length - 1; j >= 0 && out.length < limit; j--) {
      const event = parse(lines[j]!);
      if (!event) continue;
      if (options.jti !== undefined && event.annotations?.[AUDIT_ANNOTATIONS.jti] !== options.jti) {
        continue;
      }
      out.push(event);
    }
  }
  return out;
}
