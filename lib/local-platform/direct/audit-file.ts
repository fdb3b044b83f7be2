import path from "node:path";

/**
 * Where the direct endpoints' audit log lives: `DATA_DIR/audit/direct.log`, rotated files beside it
 * as `direct.log.1`, `.2`, … The writer (audit-log.ts) and the reader (audit-read.ts) share these;
 * the console's explain route reads through audit-read.ts alone, so its bundle carries no writer.
 */
export const auditDirOf = (dataDir: string) => path.join(dataDir, "audit");
export const auditFileOf = (dataDir: string) => path.join(auditDirOf(dataDir), "direct.log");
