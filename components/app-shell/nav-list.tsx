"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavLink = { href: string; label: string };

/**
 * A navigation landmark of links, the current one marked `aria-current="page"`: the page itself,
 * or (for `sections`) any page below it.
 */
export function NavList({
  label,
  links,
  sections = [],
  className,
}: {
  label: string;
  links: readonly NavLink[];
  /** Links that stand for every page below them (`/admin` for `/admin/audit`). */
  sections?: readonly string[];
  className?: string;
}) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className={className ?? "flex gap-1 text-sm"}>
        {links.map((link) => {
          const current =
            pathname === link.href ||
            (sections.includes(link.href) && pathname.startsWith(`${link.href}/`));
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
