import type { AccessKeyRequestSpec } from "@/lib/scope/access-key-request";
import type { DirectClusterEndpointTokenSpec } from "@/lib/scope/schema";

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
