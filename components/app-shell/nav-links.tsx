"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/tokens/new", label: "Issue token" },
  { href: "/tokens/inspect", label: "Inspect token" },
  { href: "/tokens/issued", label: "Issued tokens" },
  { href: "/access-keys", label: "Access keys" },
] as const;

const ADMIN_LINK = { href: "/admin", label: "Admin" } as const;

/** The main navigation; "Admin" only for console admins. */
export function NavLinks({ admin }: { admin: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="flex gap-1 text-sm">
        {(admin ? [...LINKS, ADMIN_LINK] : LINKS).map((link) => {
          const current =
            pathname === link.href ||
            (link.href === ADMIN_LINK.href && pathname.startsWith(`${ADMIN_LINK.href}/`));
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className="rounded-md px-3 py-1.5 hover:bg-zinc-100 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-100 dark:aria-[current=page]:text-zinc-900"
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
