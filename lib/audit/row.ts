import { countsFromLastUse, entryState, type EntryState } from "@/lib/ledger/entry-state";
import { scopeInWords } from "@/lib/ledger/summary";
import { describePolicyChange } from "@/lib/policy/describe";
import { policyViolations } from "@/lib/policy/evaluate";
import type { IssuancePolicy } from "@/lib/policy/policy";
import { EXPIRING_WITHIN_MS } from "@/lib/ledger/store";
import { formatDuration } from "@/lib/token/time";
import { subjectOfEntry } from "./facts";
import type { AuditEvent, AuditEventType } from "./timeline";

/*
 * One audit event as the page's table and the export show it: the same columns, the same words.
 * Violations are the current policy's (policyViolations, the one evaluator) at the moment `now`.
 */

export interface AuditRow {
  /** The ledger entry's id, or the policy change's. */
  id: string;
  at: number;
  event: AuditEventType;
  /** `user:NAME` / `team:NAME`: who issued, revoked or changed the policy. */
  who: string;
  credential: "token" | "accesskey" | null;
  /** An access key's name. */
  credentialName: string | null;
  /** The entry's scope in words, or what the policy change did. */
  scope: string;
  lifetime: string | null;
  /** Seconds, as the policy judges it (the ttl asked for, else expiry minus issue time). */
  lifetimeSeconds: number | null;
  expiresAt: number | null;
  note: string | null;
  fingerprint: string | null;
  state: EntryState | null;
  violations: string[];
}

export const EVENT_LABEL: Record<AuditEventType, string> = {
  issued: "Issued",
  revoked: "Revoked",
  policy: "Policy changed",
};

export const CREDENTIAL_LABEL = { token: "Token", accesskey: "Access key" } as const;

/** A moment as the audit writes it: "2026-11-01 12:00:05 UTC". */
export const utcText = (ms: number) =>
  `${new Date(ms).toISOString().replace("T", " ").slice(0, 19)} UTC`;

export function auditRow(event: AuditEvent, policy: IssuancePolicy, now: number): AuditRow {
  if (event.type === "policy") {
    const { change } = event;
    return {
      id: change.id,
      at: event.at,
      event: "policy",
      who: change.principal,
      credential: null,
      credentialName: null,
      scope: `Version ${change.version}: ${describePolicyChange(change.before, change.after).join("; ")}`,
      lifetime: null,
      lifetimeSeconds: null,
      expiresAt: null,
      note: null,
      fingerprint: null,
      state: null,
      violations: [],
    };
  }
  const { entry } = event;
  const subject = subjectOfEntry(entry);
  const ttl = subject.ttl ?? null;
  return {
    id: entry.id,
    at: event.at,
    event: event.type,
    who: entry.principal,
    credential: entry.kind,
    credentialName: entry.credentialName,
    scope: scopeInWords(entry.issuedScope),
    lifetime:
      ttl === null
        ? "no expiry"
        : `${formatDuration(ttl)}${countsFromLastUse(entry) ? " after the last use" : ""}`,
    lifetimeSeconds: ttl,
    expiresAt: entry.expiresAt,
    note: entry.note,
    fingerprint: entry.fingerprint,
    state: entryState(entry, now, EXPIRING_WITHIN_MS),
    violations: policyViolations(policy, subject).map((v) => v.message),
  };
}
