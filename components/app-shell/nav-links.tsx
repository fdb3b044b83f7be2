import { NavList } from "@/components/app-shell/nav-list";

const LINKS = [
  { href: "/tokens/new", label: "Issue token" },
  { href: "/tokens/inspect", label: "Inspect token" },
  { href: "/tokens/issued", label: "Issued tokens" },
  { href: "/access-keys", label: "Access keys" },
] as const;

const ADMIN_LINK = { href: "/admin", label: "Admin" } as const;

/** The main navigation; "Admin" only for console admins. */
export function NavLinks({ admin }: { admin: boolean }) {
  return (
    <NavList
      label="Main"
      links={admin ? [...LINKS, ADMIN_LINK] : LINKS}
      sections={[ADMIN_LINK.href]}
    />
  );
}
