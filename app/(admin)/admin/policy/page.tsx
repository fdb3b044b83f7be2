import type { Metadata } from "next";
import { PolicyForm } from "@/components/admin/policy-form";
import { PolicyHistory } from "@/components/admin/policy-history";
import { formOfPolicy } from "@/lib/policy/form";
import { policyChanges, readPolicy } from "@/lib/policy/store";
import { getStore } from "@/lib/store";
import { savePolicyAction } from "./actions";

export const metadata: Metadata = { title: "Issuance policy" };

export default async function PolicyPage() {
  const { db } = await getStore();
  const [current, changes] = await Promise.all([readPolicy(db), policyChanges(db, 10)]);
  return (
    <>
      <div>
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Issuance policy</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          What every token and access key issued through this console must keep to. The builder
          offers only what it allows, the console refuses the rest, and CI can check a manifest
          first with <code>POST /api/policy/check</code>. The platform enforces only its own limits:
          credentials issued elsewhere (kubectl, curl) are not held to this policy.
        </p>
      </div>
      <PolicyForm
        initial={formOfPolicy(current.policy)}
        version={current.version}
        save={savePolicyAction}
      />
      <PolicyHistory changes={changes} />
    </>
  );
}
