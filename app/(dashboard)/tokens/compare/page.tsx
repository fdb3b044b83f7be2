import type { Metadata } from "next";
import { CompareCredentials } from "@/components/explain/compare-credentials";
import { issuedOptions } from "@/lib/explain/issued";
import { getSession } from "@/lib/session/session";

export const metadata: Metadata = { title: "Compare credentials" };

/**
 * Works signed in or not: both credentials are read in the browser only. Signed in, the latest
 * credentials you issued are offered too, as the scope and lifetime the ledger keeps of them.
 */
export default async function CompareCredentialsPage() {
  const session = await getSession();
  const issued = session ? await issuedOptions(session) : [];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Compare credentials</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Review a rotation: paste the token, access key manifest or scope before and after — or
          choose ones you issued — and see the targets gained and lost, the lifetime, and the roles
          and rules added or removed. Everything happens in your browser: nothing you paste is sent
          to the server or kept.
        </p>
      </div>
      <CompareCredentials issued={issued} />
    </div>
  );
}
