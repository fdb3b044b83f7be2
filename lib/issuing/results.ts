import { sameJson } from "@/lib/same-json";
import type { AccessKeyRequestSpec } from "@/lib/scope/access-key-request";
import { normalizeScope } from "@/lib/scope/manifest";
import type { DirectClusterEndpointTokenSpec } from "@/lib/scope/schema";
import type { DecodedToken } from "@/lib/token/decode";
import { formatDuration } from "@/lib/token/time";

/** What issuing from the builder answers (lib/issuing/issue.ts): shown once, never kept. */

/** A Direct Cluster Endpoint Token just issued. */
export interface IssuedTokenResult {
  token: string;
  /** The spec that was asked for, to compare with what the token carries. */
  requested: DirectClusterEndpointTokenSpec;
  unrestricted: boolean;
  /** The token's entry in the console's ledger. */
  ledgerId: string;
}

/** An access key just created. */
export interface IssuedAccessKeyResult {
  /** The secret, shown once. */
  key: string;
  /** The key's `metadata.name` on the platform. */
  name: string;
  displayName: string;
  description?: string;
  /** Seconds it lives (from creation, or from its last use); undefined = it never expires. */
  ttl?: number;
  ttlAfterLastActivity: boolean;
  /** When it expires (epoch ms), when that is known at creation. */
  expiresAt: number | null;
  /** When the platform created it (epoch ms). */
  createdAt: number;
  /** The scope the key carries as the platform answered it (read leniently); null = unrestricted. */
  scope: unknown;
  unrestricted: boolean;
  /** The spec that was asked for. */
  requested: AccessKeyRequestSpec;
  ledgerId: string;
}

/** Differences between what was asked for and what the platform put in the token. */
export function compareIssued(
  requested: DirectClusterEndpointTokenSpec,
  unrestricted: boolean,
  token: DecodedToken,
): string[] {
  const differences: string[] = [];
  const { iat, exp } = token.claims;
  if (
    requested.ttl !== undefined &&
    typeof iat === "number" &&
    typeof exp === "number" &&
    Math.abs(exp - iat - requested.ttl) > 1
  ) {
    differences.push(
      `Lifetime: you asked for ${formatDuration(requested.ttl)}, the token lives ${formatDuration(exp - iat)}${exp - iat < requested.ttl ? " (the platform capped it)" : ""}.`,
    );
  }
  const claim = token.loft?.scope;
  if (!claim || claim.state === "absent") {
    if (!unrestricted)
      differences.push(
        "Scope: you asked for a scoped token, but the token carries no scope claim.",
      );
  } else if (claim.state === "invalid") {
    differences.push(
      `Scope: the token's scope claim is not a valid AccessKeyScope (${claim.issues.join("; ")}).`,
    );
  } else if (unrestricted) {
    differences.push("Scope: you asked for an unrestricted token, but the platform added a scope.");
  } else if (!sameJson(normalizeScope(claim.scope), normalizeScope(requested.scope ?? {}))) {
    differences.push(
      "Scope: the scope in the token differs from the one you asked for (the platform narrowed or changed it). See “What it can reach” below.",
    );
  }
  return differences;
}
