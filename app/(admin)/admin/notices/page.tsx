import type { Metadata } from "next";
import { NotAdmin } from "@/components/admin/not-admin";
import { NoticesPages } from "@/components/admin/notices-pages";
import { NoticesSettings } from "@/components/admin/notices-settings";
import { NoticesTable } from "@/components/admin/notices-table";
import { adminSession } from "@/lib/admin/guard";
import { listNotices } from "@/lib/notices/list";
import { noticeSettings } from "@/lib/notices/settings";
import { requireSession } from "@/lib/session/require";
import { getStore } from "@/lib/store";

export const metadata: Metadata = { title: "Notices" };

/**
 * The notice outbox: every expiry and revocation notice, newest first, 50 a page (keyset cursor in
 * `after`), with its state and every delivery attempt.
 */
export default async function NoticesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await adminSession();
  const { after } = await searchParams;
  const cursor = typeof after === "string" ? after : undefined;
  if (!session) {
    await requireSession("/admin/notices");
    return <NotAdmin />;
  }
  const settings = noticeSettings();
  const page = await listNotices((await getStore()).db, { cursor });

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Notices</h1>
        <NoticesSettings settings={settings} />
      </div>
      {page.notices.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center dark:border-zinc-700">
          {cursor
            ? "No more notices."
            : settings
              ? "No notices yet: none of the credentials issued through this console is inside a threshold or was revoked lately."
              : "No notices were ever made."}
        </p>
      ) : (
        <NoticesTable notices={page.notices} />
      )}
      <NoticesPages cursor={cursor} next={page.next} />
    </div>
  );
}
