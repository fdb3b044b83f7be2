import { describePolicyChange } from "@/lib/policy/describe";
import type { PolicyChange } from "@/lib/policy/store";

/** The latest changes to the policy: who, when, and what each changed. */
export function PolicyHistory({ changes }: { changes: PolicyChange[] }) {
  return (
    <section aria-labelledby="policy-history" className="space-y-2">
      <h2 id="policy-history" className="text-lg font-semibold">
        Recent changes
      </h2>
      {changes.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Nobody has saved a policy yet: only the platform&apos;s own limits apply.
        </p>
      ) : (
        <ol className="space-y-2 text-sm">
          {changes.map((change) => (
            <li
              key={change.id}
              className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800"
            >
              <p>
                <strong>Version {change.version}</strong> by {change.principal},{" "}
                <time dateTime={new Date(change.at).toISOString()}>
                  {new Date(change.at).toISOString().replace("T", " ").slice(0, 16)} UTC
                </time>
              </p>
              <ul className="ml-4 list-disc">
                {describePolicyChange(change.before, change.after).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
