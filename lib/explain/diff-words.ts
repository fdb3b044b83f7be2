import { formatDuration } from "@/lib/token/time";
import { targetLabel } from "@/lib/ledger/compare-reach";
import type { Credential } from "@/lib/scope/constants";
import type { CredentialDiff, TargetChange } from "./diff";

/**
 * A reach diff in words, for reviewing a rotation: "gains virtual cluster default/x; loses space
 * dev/a; lifetime 1 day → 7 days (longer)". Only changes in reach are said: an entry that is named
 * on one side and still reached through another entry on the other (`coveredBy`) is not a change.
 */

const KIND_WORDS: Record<Credential, string> = { token: "token", accesskey: "access key" };

const lifetimeWords = (s: number | null) => (s === null ? "never expires" : formatDuration(s));

function gainWords(g: TargetChange): string | undefined {
  if (g.coveredBy) return undefined;
  return `gains ${g.text}${g.related.length ? ` (widening ${g.related.join(", ")})` : ""}`;
}

function lossWords(l: TargetChange): string | undefined {
  if (l.coveredBy) return undefined;
  return `loses ${l.text}${l.related.length ? ` (narrowed to ${l.related.join(", ")})` : ""}`;
}

/** Each change as a phrase, most telling first; empty when nothing changes. */
export function diffPhrases(diff: CredentialDiff): string[] {
  const out: string[] = [];
  const { unrestricted, kind, lifetime, expires, allowLoftCli, resolved } = diff;
  if (kind.before !== kind.after)
    out.push(`${KIND_WORDS[kind.before]} → ${KIND_WORDS[kind.after]}`);
  if (!unrestricted.before && unrestricted.after) out.push("becomes unrestricted (no scope)");
  if (unrestricted.before && !unrestricted.after) {
    const limits = diff.targets.gained.map((g) => g.text);
    out.push(
      `is no longer unrestricted${limits.length ? `: now limited to ${limits.join(", ")}` : ""}`,
    );
  }
  for (const g of diff.targets.gained) {
    const words = gainWords(g);
    if (words) out.push(words);
  }
  for (const l of diff.targets.lost) {
    const words = lossWords(l);
    if (words) out.push(words);
  }
  for (const r of diff.roles.added) out.push(`adds ${r.text}`);
  for (const r of diff.roles.removed) out.push(`removes ${r.text}`);
  for (const r of diff.rules.added)
    out.push(`adds deprecated ${r.text.replace(/^Rule \d+/, "rule")}`);
  for (const r of diff.rules.removed) out.push(`removes ${r.text.replace(/^Rule \d+/, "rule")}`);
  if (allowLoftCli.before !== allowLoftCli.after) {
    out.push(allowLoftCli.after ? "turns on allowLoftCli" : "turns off allowLoftCli");
  }
  if (lifetime.change !== "same") {
    out.push(
      `lifetime ${lifetimeWords(lifetime.before)} → ${lifetimeWords(lifetime.after)} (${lifetime.change})`,
    );
  }
  if (expires && expires.change !== "same") {
    const when = (iso: string | null) => (iso === null ? "never" : iso);
    out.push(`expires ${when(expires.before)} → ${when(expires.after)} (${expires.change})`);
  }
  if (resolved) {
    if (resolved.added.length)
      out.push(`now reaches ${resolved.added.map(targetLabel).join(", ")}`);
    if (resolved.gone.length)
      out.push(`no longer reaches ${resolved.gone.map(targetLabel).join(", ")}`);
  }
  return out;
}

/** The phrases as one sentence, or "no change in reach or lifetime". */
export function diffWords(diff: CredentialDiff): string {
  const phrases = diffPhrases(diff);
  return phrases.length ? phrases.join("; ") : "no change in reach or lifetime";
}

/** A target gained or lost, with what it widens or narrows and what still reaches it, for the detailed list. */
export const targetChangeText = (c: TargetChange, widens: string, reached: string) =>
  `${c.text}${c.related.length ? ` (${widens} ${c.related.join(", ")})` : ""}${c.coveredBy ? ` (${reached} ${c.coveredBy})` : ""}`;

const KIND_NAMES = { token: "Direct Cluster Endpoint Token", accesskey: "access key" } as const;

/** Unrestricted, kind and allowLoftCli changes, in words, for the detailed list (the region "Differences"). */
export function credentialChanges(diff: CredentialDiff): string[] {
  const out: string[] = [];
  const { kind, unrestricted, allowLoftCli } = diff;
  if (kind.before !== kind.after)
    out.push(`${KIND_NAMES[kind.before]} → ${KIND_NAMES[kind.after]}`);
  if (unrestricted.before !== unrestricted.after)
    out.push(
      unrestricted.after
        ? "Becomes unrestricted: after has no scope, so it can do everything its owner may do"
        : "Becomes limited: after has a scope",
    );
  else if (unrestricted.before) out.push("Both are unrestricted (no scope)");
  if (allowLoftCli.before !== allowLoftCli.after)
    out.push(
      `allowLoftCli ${allowLoftCli.before ? "on" : "off"} → ${allowLoftCli.after ? "on" : "off"}`,
    );
  return out;
}
