import type { Metadata } from "next";
import { AuditFilterForm } from "@/components/admin/audit-filters";
import { AuditExportLinks, AuditPages } from "@/components/admin/audit-links";
import { AuditTable } from "@/components/admin/audit-table";
import { NotAdmin } from "@/components/admin/not-admin";
import { adminSession } from "@/lib/admin/guard";
import {
  auditHref,
  filterParams,
  filtersEntries,
  readAuditFilters,
  readCursor,
} from "@/lib/audit/filters";
import { AUDIT_PAGE_SIZE, readAudit } from "@/lib/audit/view";
import { requireSession } from "@/lib/session/require";
import { getStore } from "@/lib/store";

export const metadata: Metadata = { title: "Audit" };

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * The organisation audit: every user's ledger entries (issued and revoked), and the policy's changes,
 * newest first, 50 a page (keyset cursors `after` / `before`), filtered by the GET form's fields;
 * each entry judged by the policy in force. The export links stream the same filtered events.
 */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await adminSession();
  const params = await searchParams;
  const read = readAuditFilters(params);
  const cursor = readCursor(params);
  if (!session) {
    await requireSession(auditHref(read.filters, cursor));
    return <NotAdmin />;
  }
  const { filters } = read;
  const view = await readAudit((await getStore()).db, filters, cursor);
  const { issued, revoked, policy } = view.counts;
  const total = issued + revoked + policy;
  const filtered = filterParams(filters).toString() !== "";

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Audit</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Every token and access key anyone issued through this console, each revocation, and every
          change to the issuance policy, newest first. Violations are judged by the policy in force
          now{view.policyVersion ? ` (version ${view.policyVersion})` : " (none saved yet)"}, not
          the one at issue time. Times are UTC.
        </p>
      </div>
      <AuditFilterForm read={read} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm">
          {plural(total, "event")}
          {filtered ? " match these filters" : ""}: {plural(issued, "issued")},{" "}
          {plural(revoked, "revocation")}, {plural(policy, "policy change")}
          {filtersEntries(filters) ? " (left out: they are no entries)" : ""}. {AUDIT_PAGE_SIZE} a
          page.
        </p>
        <AuditExportLinks filters={filters} />
      </div>
      {view.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center dark:border-zinc-700">
          {cursor.after || cursor.before
            ? "No more events on this side."
            : filtered
              ? "No events match these filters."
              : "Nothing has been issued through this console yet, and nobody has changed the policy."}
        </p>
      ) : (
        <AuditTable rows={view.rows} />
      )}
      <AuditPages filters={filters} newer={view.newer} older={view.older} />
    </div>
  );
}
