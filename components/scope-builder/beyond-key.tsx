import type { Credential } from "@/lib/scope/constants";
import { scopeExcess } from "@/lib/scope/subset";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { KeyLimits } from "@/components/scope-builder/key-limits";
import { Alert } from "@/components/ui/alert";

/**
 * Where each scope entry beyond the key lies: `{projects: {0: "…"}}`, plus every message in order.
 * The same for both credentials; an access key without a time to live (it never expires) outlives
 * any key that expires.
 */
export function beyondKey(
  scope: AccessKeyScope | undefined,
  limits: KeyLimits | undefined,
  ttl: number | undefined,
  now: number | null,
  credential: Credential = "token",
  noExpiry = false,
): { byList: Record<string, Record<number, string>>; messages: string[] } {
  const what = credential === "accesskey" ? "access key" : "token";
  const byList: Record<string, Record<number, string>> = {};
  const messages: string[] = [];
  if (limits?.scope) {
    for (const excess of scopeExcess(scope, limits.scope, "scope")) {
      messages.push(excess.message.charAt(0).toUpperCase() + excess.message.slice(1) + ".");
      const at = /^scope\.(\w+)\[(\d+)\]$/.exec(excess.field);
      if (at) (byList[at[1]!] ??= {})[Number(at[2])] = excess.message;
    }
  }
  // A token without a ttl gets the platform's default, whose length is unknown: not flagged.
  const neverExpires = credential === "accesskey" && noExpiry && ttl === undefined;
  if (limits?.expires !== undefined && (ttl !== undefined || neverExpires) && now !== null) {
    const left = limits.expires - Math.floor(now / 1000);
    if (left <= 0) messages.push("Your access key has expired: sign in again.");
    else if (neverExpires)
      messages.push(
        `An access key without expiry outlives your access key (${Math.floor(left / 60)} minutes left): choose a time to live within it.`,
      );
    else if (ttl !== undefined && ttl > left)
      messages.push(
        `The time to live is longer than your access key has left (${Math.floor(left / 60)} minutes): the ${what} cannot outlive the key.`,
      );
  }
  return { byList, messages };
}

/** Warnings before issuing: entries beyond the key's scope, a time to live beyond its expiry. */
export function BeyondKey({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <Alert tone="warning" data-testid="beyond-key">
      <p className="font-medium">Beyond your access key: the platform will likely refuse this.</p>
      <ul className="list-disc pl-5">
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </Alert>
  );
}
