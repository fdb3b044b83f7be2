import { signOut, signOutEverywhere } from "@/app/(auth)/sign-in/actions";
import { AppShell } from "@/components/app-shell/app-shell";

export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return <AppShell signOut={{ signOut, signOutEverywhere }}>{children}</AppShell>;
}
