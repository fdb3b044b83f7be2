// @ts-check
/**
 * The Next.js configuration. Plain JavaScript, so a start loads it without compiling it. The
 * security headers of every response are set by the server in front of Next.js
 * (lib/server/main.ts, lib/server/headers.ts), not here.
 *
 * @type {import("next").NextConfig}
 */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3"],
  // Route modules load when a route is first asked for, not all before the server listens.
  experimental: { preloadEntriesOnStart: false },
  // The build type-checks the app itself; `npm run typecheck` checks the tests and benchmarks too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
