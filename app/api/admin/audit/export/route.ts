import { withAdminRoute } from "@/lib/admin/guard";
import { statusResponse } from "@/lib/route-handlers";
import { auditExportResponse } from "@/lib/audit/export";
import { readAuditFilters } from "@/lib/audit/filters";
import { getStore } from "@/lib/store";

export const dynamic = "force-dynamic";

/**
 * `GET /api/admin/audit/export?format=csv|ndjson&<the audit page's filters>`: every event of the
 * filtered audit, newest first, streamed a batch at a time (console admins only). A filter the page
 * would set aside is refused here instead (400), so a file never holds more than was asked for.
 */
export const GET = withAdminRoute(async (_session, request) => {
  const query = new URL(request.url).searchParams;
  const format = query.get("format");
  if (format !== "csv" && format !== "ndjson")
    return statusResponse(400, "BadRequest", 'format must be "csv" or "ndjson".');
  const { filters, errors } = readAuditFilters(Object.fromEntries(query));
  const refused = Object.entries(errors);
  if (refused.length)
    return statusResponse(
      400,
      "BadRequest",
      refused.map(([field, message]) => `${field}: ${message}`).join("; "),
    );
  const { db } = await getStore();
  return auditExportResponse(db, filters, format);
});
