import { NavList } from "@/components/app-shell/nav-list";

const LINKS = [
  { href: "/admin/policy", label: "Policy" },
  { href: "/admin/audit", label: "Audit" },
  { href: "/admin/notices", label: "Notices" },
] as const;

/** The admin area's sections. */
export function AdminNav() {
  return (
    <NavList
      label="Admin"
      links={LINKS}
      sections={LINKS.map((l) => l.href)}
      className="flex gap-1 border-b border-zinc-200 pb-2 text-sm dark:border-zinc-800"
    />
  );
}
