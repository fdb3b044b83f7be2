import { useId } from "react";
import {
  compareCredentials,
  sideLifetimeText,
  type CredentialSide,
} from "@/lib/explain/compare-pair";
import { credentialChanges, targetChangeText } from "@/lib/explain/diff-words";
import { ChangeList } from "./change-list";

/** The region "Differences": what changes from before to after, for reviewing a rotation. */
export function Differences({ before, after }: { before: CredentialSide; after: CredentialSide }) {
  const id = useId();
  const { diff, summary, lifetimeKnown } = compareCredentials(before, after);
  const { targets, roles, rules, lifetime, expires } = diff;
  const change = lifetimeKnown ? ` (${lifetime.change})` : "";
  return (
    <section
      aria-labelledby={id}
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/40"
    >
      <h2 id={id} className="text-lg font-semibold">
        Differences
      </h2>
      <p role="status" className="text-sm">
        In short: {summary}.
      </p>
      <ChangeList title="Credential" items={credentialChanges(diff)} />
      <ChangeList
        title="Targets gained"
        items={targets.gained.map((g) =>
          targetChangeText(g, "widening", "already reached through"),
        )}
      />
      <ChangeList
        title="Targets lost"
        items={targets.lost.map((l) => targetChangeText(l, "narrowed to", "still reached through"))}
      />
      <ChangeList title="Targets kept" items={targets.kept.map((k) => k.text)} />
      <ChangeList
        title="Lifetime"
        items={[
          `${sideLifetimeText(before)} → ${sideLifetimeText(after)}${change}`,
          ...(expires
            ? [
                `Expires ${expires.before ?? "never"} → ${expires.after ?? "never"} (${expires.change})`,
              ]
            : []),
        ]}
      />
      <ChangeList title="Roles added" items={roles.added.map((r) => r.text)} />
      <ChangeList title="Roles removed" items={roles.removed.map((r) => r.text)} />
      <ChangeList title="Deprecated rules added" items={rules.added.map((r) => r.text)} />
      <ChangeList title="Deprecated rules removed" items={rules.removed.map((r) => r.text)} />
    </section>
  );
}
