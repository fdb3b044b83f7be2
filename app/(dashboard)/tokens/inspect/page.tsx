import type { Metadata } from "next";
import Link from "next/link";
import { QueryProvider } from "@/components/providers/query-provider";
import { DEFAULT_PROJECT_NAMESPACE_PREFIX } from "@/lib/scope/constants";
import { getConfig } from "@/lib/config";
import { recordedCredentials } from "@/lib/explain/issued";
import { getSession } from "@/lib/session/session";
import { Inspector } from "@/components/inspector/inspector";

export const metadata: Metadata = { title: "Inspect token" };

/**
 * Works signed in or not; signed in adds live name checks and suggestions, and says whether you issued
 * the token and whether a raised token generation revoked it.
 */
export default async function InspectTokenPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await getSession();
  const entry = (await searchParams).entry;
  const entryId = typeof entry === "string" ? entry : undefined;
  const recorded = session ? await recordedCredentials(session, entryId) : [];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Inspect a token</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Decode a Direct Cluster Endpoint Token, check its signature, read its scope in plain words
          and ask whether it can reach a cluster, space or virtual cluster. Everything happens in
          your browser: the token is not sent to the server or kept anywhere.
        </p>
        <p className="mt-1 text-sm">
          Also:{" "}
          <Link href="/tokens/compare" className="underline underline-offset-4">
            Compare two credentials
          </Link>{" "}
          ·{" "}
          <Link href="/tokens/least-privilege" className="underline underline-offset-4">
            Propose a scope from activity
          </Link>
        </p>
      </div>
      <QueryProvider>
        <Inspector
          signedIn={Boolean(session)}
          projectNamespacePrefix={
            session?.projectNamespacePrefix ?? DEFAULT_PROJECT_NAMESPACE_PREFIX
          }
          enforcer={getConfig().localPlatform ? "local" : "platform"}
          recorded={recorded}
          initialEntry={entryId}
        />
      </QueryProvider>
    </div>
  );
}
