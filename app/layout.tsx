import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "DCE Token Console", template: "%s · DCE Token Console" },
  description: "Issue and inspect vCluster Platform Direct Cluster Endpoint Tokens",
  referrer: "same-origin",
  // A static file in public/, served as it is with the static headers (lib/server/headers.ts).
  icons: { icon: { url: "/icon.svg", type: "image/svg+xml" } },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its CSP nonce (set by the server, lib/server/headers.ts) is new
  // for each response.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
