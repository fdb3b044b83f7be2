import { AppShell } from "@/components/app-shell/app-shell";

export default function AdminGroupLayout({ children }: { children: React.ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
