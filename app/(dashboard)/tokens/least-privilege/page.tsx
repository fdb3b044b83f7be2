import type { Metadata } from "next";
import { ProposeScopePanel } from "@/components/explain/propose-scope-panel";
import { DEFAULT_PROJECT_NAMESPACE_PREFIX } from "@/lib/scope/constants";
import { getSession } from "@/lib/session/session";

export const metadata: Metadata = { title: "Propose a scope from activity" };

/** Works signed in or not; signed in, the platform's project namespace prefix is used. */
export default async function LeastPrivilegePage() {
  const session = await getSession();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Propose a scope from activity</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Paste what a job did and get the narrowest scope that admits every request it made, ready
          to open in the builder. Everything happens in your browser: nothing you paste is sent to
          the server or kept.
        </p>
      </div>
      <ProposeScopePanel
        credentialScope={undefined}
        projectNamespacePrefix={session?.projectNamespacePrefix ?? DEFAULT_PROJECT_NAMESPACE_PREFIX}
        heading="h2"
      />
    </div>
  );
}
