import { scopeExcess } from "@/lib/scope/subset";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { KeyLimits } from "@/components/scope-builder/key-limits";
import { Alert } from "@/components/ui/alert";

/** Where each scope entry beyond the key lies: `{projects: {0: "…"}}`, plus every message in order. */
export function beyondKey(
  scope: AccessKeyScope | undefined,
  limits: KeyLimits | undefined,
  ttl: number | undefined,
  now: number | null,
): { byList: Record<string, Record<number, string>>; messages: string[] } {
  const byList: Record<string, Record<number, string>> = {};
  const messages: string[] = [];
  if (limits?.scope) {
    for (const excess of scopeExcess(scope, limits.scope, "scope")) {
      messages.push(excess.message.charAt(0).toUpperCase() + excess.message.slice(1) + ".");
      const at = /^scope\.(\w+)\[(\d+)\]$/.exec(excess.field);
      if (at) (byList[at[1]!] ??= {})[Number(at[2])] = excess.message;
    }
  }
  if (limits?.expires !== undefined && ttl !== undefined && now !== null) {
    const left = limits.expires - Math.floor(now / 1000);
    if (ttl > left) {
      messages.push(
        left > 0
          ? `The time to live is longer than your access key has left (${Math.floor(left / 60)} minutes): the token cannot outlive the key.`
          : "Your access key has expired: sign in again.",
      );
    }
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
