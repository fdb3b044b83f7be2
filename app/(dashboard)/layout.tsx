import { AppHeader } from "@/components/app-shell/app-header";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <AppHeader user={null} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
