import Link from "next/link";

const linkClass = "underline underline-offset-4 hover:no-underline";

/** The notices' page links: back to the newest when paged, and on to older ones while there are. */
export function NoticesPages({ cursor, next }: { cursor?: string; next?: string | null }) {
  if (!cursor && !next) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between text-sm">
      {cursor ? (
        <Link href="/admin/notices" className={linkClass}>
          Newest
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={`/admin/notices?after=${next}`} className={linkClass}>
          Older
        </Link>
      ) : null}
    </nav>
  );
}
