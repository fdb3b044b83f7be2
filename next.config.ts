import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/server/headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3"],
  // Route modules load when a route is first asked for, not all before the server listens.
  experimental: { preloadEntriesOnStart: false },
  // The build type-checks the app itself; `npm run typecheck` checks the tests and benchmarks too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
