import { AdminNav } from "@/components/admin/admin-nav";
import { NotAdmin } from "@/components/admin/not-admin";
import { isConsoleAdmin } from "@/lib/admin/admins";
import { getConfig } from "@/lib/config";
import { requireSession } from "@/lib/session/require";

/**
 * The admin area's own guard: signed out → sign-in; not a console admin → refused. The server has
 * already answered such requests with a 403 (lib/server/admin-gate.ts); this holds wherever else the
 * pages are served from.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession("/admin");
  if (!isConsoleAdmin(session.principal, getConfig())) return <NotAdmin />;
  return (
    <div className="space-y-6">
      <AdminNav />
      {children}
    </div>
  );
}
