import { describe, expect, it } from "vitest";
import { readCredential } from "@/lib/explain/compare-input";
import { issuedOptionOf } from "@/lib/explain/issued-options";
import type { LedgerEntry } from "@/lib/ledger/store";

const T0 = Date.UTC(2026, 11, 1, 9, 30);
const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  id: "e1",
  kind: "token",
  credentialName: null,
  principal: "user:ana",
  principalUid: null,
  user: "ana",
  platform: "https://p",
  tokenId: "jti",
  fingerprint: "fp",
  requested: {},
  issuedScope: { virtualClusters: [{ project: "default", virtualCluster: "x" }] },
  requestedTtl: 86_400,
  issuedAt: T0,
  expiresAt: T0 + 86_400_000,
  generation: 0,
  note: "deploys",
  reach: null,
  revokedAt: null,
  ...over,
});

describe("a credential you issued, offered to Compare", () => {
  it("reads back as the scope and lifetime the ledger keeps, never a secret", () => {
    const option = issuedOptionOf(entry({}));
    expect(option.label).toBe("Token, 2026-12-01 09:30 UTC — deploys");
    expect(readCredential(option.manifest)).toMatchObject({
      state: "read",
      kind: "token",
      scope: { virtualClusters: [{ project: "default", virtualCluster: "x" }] },
      lifetime: 86_400,
    });
    expect(option.manifest).not.toContain("fp");
  });

  it("an unrestricted access key without expiry reads as unrestricted and never expiring", () => {
    const option = issuedOptionOf(
      entry({
        kind: "accesskey",
        credentialName: "ci",
        issuedScope: null,
        expiresAt: null,
        requestedTtl: null,
      }),
    );
    expect(option.label).toMatch(/^Access key ci, /);
    expect(readCredential(option.manifest)).toMatchObject({
      state: "read",
      kind: "accesskey",
      scope: null,
      lifetime: null,
    });
  });
});
