import { useId } from "react";
import { compareCredentials, lifetimeText, type CredentialSide } from "@/lib/explain/compare-pair";
import type { CredentialDiff, TargetChange } from "@/lib/explain/diff";
import { ChangeList } from "./change-list";

const changeText = (c: TargetChange, widens: string, reached: string) =>
  `${c.text}${c.related.length ? ` (${widens} ${c.related.join(", ")})` : ""}${c.coveredBy ? ` (${reached} ${c.coveredBy})` : ""}`;

const KIND = { token: "Direct Cluster Endpoint Token", accesskey: "access key" } as const;

/** Unrestricted, kind and allowLoftCli changes, in words. */
function credentialChanges(diff: CredentialDiff): string[] {
  const out: string[] = [];
  const { kind, unrestricted, allowLoftCli } = diff;
  if (kind.before !== kind.after) out.push(`${KIND[kind.before]} → ${KIND[kind.after]}`);
  if (unrestricted.before !== unrestricted.after)
    out.push(
      unrestricted.after
        ? "Becomes unrestricted: after has no scope, so it can do everything its owner may do"
        : "Is no longer unrestricted: after has a scope",
    );
  else if (unrestricted.before) out.push("Both are unrestricted (no scope)");
  if (allowLoftCli.before !== allowLoftCli.after)
    out.push(
      `allowLoftCli ${allowLoftCli.before ? "on" : "off"} → ${allowLoftCli.after ? "on" : "off"}`,
    );
  return out;
}

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
        items={targets.gained.map((g) => changeText(g, "widening", "already reached through"))}
      />
      <ChangeList
        title="Targets lost"
        items={targets.lost.map((l) => changeText(l, "narrowed to", "still reached through"))}
      />
      <ChangeList title="Targets kept" items={targets.kept.map((k) => k.text)} />
      <ChangeList
        title="Lifetime"
        items={[
          `${lifetimeText(before)} → ${lifetimeText(after)}${change}`,
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
