import { describe, expect, it, vi } from "vitest";
import { pageHref } from "@/lib/ledger/page-params";
import { encodeScopeState } from "@/lib/scope/url-state";
import { safeNextPath } from "@/lib/session/next-path";
import { requireSession } from "@/lib/session/require";

vi.mock("@/lib/session/session", () => ({ getSession: async () => null }));

/** Where requireSession sends a signed-out visitor (Next.js carries it in the redirect's digest). */
async function signInLocation(returnTo: string): Promise<string> {
  const error: unknown = await requireSession(returnTo).then(
    () => undefined,
    (e: unknown) => e,
  );
  const digest = (error as { digest?: string } | undefined)?.digest ?? "";
  expect(digest.startsWith("NEXT_REDIRECT;")).toBe(true);
  return digest.split(";").slice(2, -2).join(";");
}

/** Where sign-in leads afterwards: its `next` as the page reads it, judged by safeNextPath. */
function afterSignIn(location: string): string {
  const url = new URL(location, "http://console.test");
  expect(url.pathname).toBe("/sign-in");
  return safeNextPath(url.searchParams.get("next"));
}

const builder = (query: string) => `/tokens/new?${query}`;

describe("a page's own address survives signing in", () => {
  it.each([
    ["the builder", "/tokens/new"],
    [
      "the builder with wildcards, roles, rules and a TTL",
      builder(
        encodeScopeState({
          scope: {
            projects: [{ project: "*" }],
            spaces: [{ project: "demo", space: "*" }],
            virtualClusters: [{ project: "demo", virtualCluster: "vc-1" }],
            clusters: [{ cluster: "east.example" }],
            roles: [{ role: "vcluster", projects: ["demo"] }],
            rules: [{ verbs: ["get"], nonResourceURLs: ["/healthz*", "//x"], namespaces: [""] }],
            allowLoftCli: true,
          },
          ttl: 5400,
        }),
      ),
    ],
    ["the builder, unrestricted", builder(encodeScopeState({ scope: undefined, ttl: 3600 }))],
    // The builder page rebuilds its query with URLSearchParams, which encodes `/` as %2F.
    ["the builder as its page re-encodes it", builder("p=demo&s=demo%2F*&ttl=3600")],
    ["Issued tokens", pageHref({ filter: "all" })],
    ["Issued tokens, a filter and a cursor", pageHref({ filter: "expiring", after: "MTcz_x-9" })],
    ["Revoke all", "/tokens/issued/revoke"],
  ])("%s", async (_, path) => {
    const location = await signInLocation(path);
    expect(location.startsWith("/sign-in?next=")).toBe(true);
    expect(afterSignIn(location)).toBe(path);
  });
});
