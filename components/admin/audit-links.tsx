import Link from "next/link";
import { auditHref, exportHref, type AuditFilters } from "@/lib/audit/filters";

export const buttonClassName =
  "inline-flex items-center justify-center rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";
const linkClass = "underline underline-offset-4 hover:no-underline";

/** Downloads of every event the filters select (all pages), as CSV or NDJSON. */
export function AuditExportLinks({ filters }: { filters: AuditFilters }) {
  return (
    <div className="flex flex-wrap gap-2">
      <a href={exportHref(filters, "csv")} download className={buttonClassName}>
        Export CSV
      </a>
      <a href={exportHref(filters, "ndjson")} download className={buttonClassName}>
        Export NDJSON
      </a>
    </div>
  );
}

/** "Newer" and "Older" pages of the same filtered audit. */
export function AuditPages({
  filters,
  newer,
  older,
}: {
  filters: AuditFilters;
  newer?: string;
  older?: string;
}) {
  if (!newer && !older) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between text-sm">
      {newer ? (
        <Link href={auditHref(filters, { before: newer })} className={linkClass}>
          Newer
        </Link>
      ) : (
        <span />
      )}
      {older ? (
        <Link href={auditHref(filters, { after: older })} className={linkClass}>
          Older
        </Link>
      ) : null}
    </nav>
  );
}
