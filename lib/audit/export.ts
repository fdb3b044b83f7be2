import { STATE_LABEL } from "@/lib/ledger/entry-state";
import type { IssuancePolicy } from "@/lib/policy/policy";
import { readPolicy } from "@/lib/policy/store";
import type { StoreDb } from "@/lib/store/store-db";
import type { AuditFilters, ExportFormat } from "./filters";
import { auditRow, CREDENTIAL_LABEL, EVENT_LABEL, type AuditRow } from "./row";
import { auditPage } from "./timeline";

/*
 * The filtered audit as a file, streamed: it pages through auditPage (the page's own query) a batch
 * at a time as the client reads, so memory holds one batch however many events there are. CSV per
 * RFC 4180 (CRLF, quoted where needed, a header row) with formula-like cells defused; NDJSON one
 * event object a line.
 */

export const EXPORT_BATCH = 1000;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The CSV's columns: the page's, with full values (whole fingerprint, ISO times, ids). */
export const CSV_HEADER = [
  "When (UTC)",
  "Event",
  "Who",
  "Credential",
  "Credential name",
  "Scope or change",
  "Lifetime",
  "Lifetime (seconds)",
  "Expires (UTC)",
  "Note",
  "Fingerprint (SHA-256)",
  "State",
  "Policy violations",
  "Id",
];

/** One row's CSV values before quoting. */
export function csvValues(row: AuditRow): string[] {
  return [
    iso(row.at)!,
    EVENT_LABEL[row.event],
    row.who,
    row.credential ? CREDENTIAL_LABEL[row.credential] : "",
    row.credentialName ?? "",
    row.scope,
    row.lifetime ?? "",
    row.lifetimeSeconds === null ? "" : String(row.lifetimeSeconds),
    iso(row.expiresAt) ?? "",
    row.note ?? "",
    row.fingerprint ?? "",
    row.state ? STATE_LABEL[row.state] : "",
    row.violations.join("\n"),
    row.id,
  ];
}

/**
 * A CSV cell: a value a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a
 * leading `'`; a value holding a comma, quote, CR or LF is quoted, its quotes doubled (RFC 4180).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (values: string[]) => `${values.map(csvCell).join(",")}\r\n`;

/** One row as an NDJSON object: typed values, times in ISO 8601, violations as a list. */
export function ndjsonObject(row: AuditRow) {
  return {
    id: row.id,
    at: iso(row.at),
    event: row.event,
    who: row.who,
    credential: row.credential,
    credentialName: row.credentialName,
    scope: row.scope,
    lifetime: row.lifetime,
    lifetimeSeconds: row.lifetimeSeconds,
    expiresAt: iso(row.expiresAt),
    note: row.note,
    fingerprint: row.fingerprint,
    state: row.state,
    violations: row.violations,
  };
}

const FORMATS: Record<ExportFormat, { type: string; line: (row: AuditRow) => string }> = {
  csv: { type: "text/csv; charset=utf-8; header=present", line: (r) => csvLine(csvValues(r)) },
  ndjson: {
    type: "application/x-ndjson; charset=utf-8",
    line: (r) => `${JSON.stringify(ndjsonObject(r))}\n`,
  },
};

/**
 * The filtered audit as a byte stream, read a batch of `batch` events per pull at one moment `now`
 * under the policy in force when it starts.
 */
export function auditExportStream(
  db: StoreDb,
  filters: AuditFilters,
  format: ExportFormat,
  { now = Date.now(), batch = EXPORT_BATCH }: { now?: number; batch?: number } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { line } = FORMATS[format];
  let policy: IssuancePolicy | undefined;
  let after: string | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = "";
      if (!policy) {
        policy = (await readPolicy(db)).policy;
        if (format === "csv") text = csvLine(CSV_HEADER);
      }
      const page = await auditPage(db, { filters, now, policy }, { after, limit: batch });
      for (const event of page.events) text += line(auditRow(event, policy, now));
      if (text) controller.enqueue(encoder.encode(text));
      if (page.older) after = page.older;
      else controller.close();
    },
  });
}

/** The export as a download: `audit-<time>.<csv|ndjson>`, never cached. */
export function auditExportResponse(
  db: StoreDb,
  filters: AuditFilters,
  format: ExportFormat,
  now = Date.now(),
): Response {
  const stamp = new Date(now).toISOString().replace(/[-:]|\.\d{3}/g, "");
  return new Response(auditExportStream(db, filters, format, { now }), {
    headers: {
      "content-type": FORMATS[format].type,
      "content-disposition": `attachment; filename="audit-${stamp}.${format}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
