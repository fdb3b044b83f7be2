import { describe, expect, it } from "vitest";
import { accessKeyLedgerEntryFor } from "@/lib/ledger/entry";
import { remindersCalendar } from "@/lib/ledger/reminder";
import { countsFromLastUse, entryLifetimes } from "@/lib/ledger/entry-state";
import { entryTitle, reissueState } from "@/lib/ledger/summary";
import type { CreateAccessKeyRequest } from "@/lib/scope/access-key-request";
import { encodeScopeState } from "@/lib/scope/url-state";
import { fingerprintOf } from "@/lib/ledger/store";

/** The ledger entry of a created access key, and how the ledger's pages read one. */

const session = {
  principal: { kind: "User" as const, name: "alice", uid: "uid-alice" },
  platform: "https://platform.example",
};
const SECRET = "ak-7b1f0c9e4d2a4f1bb0c2e9d8a7f6e5d4";
const scope = { virtualClusters: [{ project: "default", virtualCluster: "dev" }] };
const request: CreateAccessKeyRequest = {
  unrestricted: false,
  noExpiry: false,
  spec: { displayName: "CI deploys", description: "payments", ttl: 3600, scope },
  note: "CI",
};
/** A create response as the platform answers it, secret included. */
const response = {
  apiVersion: "management.loft.sh/v1",
  kind: "OwnedAccessKey",
  metadata: { name: "ci-deploys-x7k2p", creationTimestamp: "2027-01-15T10:00:00Z" },
  spec: { ...request.spec, type: "User", user: "alice", key: SECRET },
};
const CREATED = Date.parse("2027-01-15T10:00:00Z");

describe("ledger entry for a created access key", () => {
  it("takes name, creation, scope and expiry from the answer; keeps a fingerprint, never the key", () => {
    const entry = accessKeyLedgerEntryFor(session, request, response, SECRET, 42);
    expect(entry).toEqual({
      kind: "accesskey",
      credentialName: "ci-deploys-x7k2p",
      principal: "user:alice",
      principalUid: "uid-alice",
      user: "alice",
      platform: "https://platform.example",
      tokenId: null,
      fingerprint: fingerprintOf(SECRET),
      requested: request.spec,
      issuedScope: scope,
      requestedTtl: 3600,
      issuedAt: CREATED,
      expiresAt: CREATED + 3600_000,
      generation: 0,
      note: "CI",
    });
    expect(JSON.stringify(entry)).not.toContain(SECRET);
  });

  it("counted from the last use, or without a ttl: no expiry date is known", () => {
    const fromLastUse = accessKeyLedgerEntryFor(
      session,
      { ...request, spec: { ...request.spec, ttlAfterLastActivity: true } },
      { ...response, spec: { ...response.spec, ttlAfterLastActivity: true } },
      SECRET,
    );
    expect(fromLastUse.expiresAt).toBe(null);
    expect(countsFromLastUse({ ...fromLastUse, kind: "accesskey" })).toBe(true);
    expect(entryLifetimes({ ...fromLastUse, fromLastUse: true })).toEqual({
      requested: "1 h after the last use",
      issued: "1 h after the last use",
      differs: false,
    });
    const { ttl: _ttl, ...noTtl } = response.spec;
    const never = accessKeyLedgerEntryFor(
      session,
      { ...request, noExpiry: true, spec: { displayName: "k", scope } },
      { ...response, spec: noTtl },
      SECRET,
    );
    expect(never).toMatchObject({ expiresAt: null, requestedTtl: null });
  });

  it("the scope is the platform's answer (none = unrestricted), the request's when it sent no spec", () => {
    const { scope: _scope, ...unscoped } = response.spec;
    expect(
      accessKeyLedgerEntryFor(session, request, { ...response, spec: unscoped }, SECRET)
        .issuedScope,
    ).toBe(null);
    const bare = accessKeyLedgerEntryFor(session, request, { metadata: {} }, SECRET, 1234);
    expect(bare).toMatchObject({
      issuedScope: scope,
      issuedAt: 1234,
      expiresAt: 1234 + 3600_000,
      credentialName: null,
    });
  });

  it("a team's key is recorded under the team", () => {
    const team = { principal: { kind: "Team" as const, name: "ops" }, platform: "p" };
    expect(accessKeyLedgerEntryFor(team, request, response, SECRET)).toMatchObject({
      principal: "team:ops",
      principalUid: null,
      user: "ops",
    });
  });
});

describe("an access key's entry on the ledger's pages", () => {
  const entry = {
    ...accessKeyLedgerEntryFor(session, request, response, SECRET),
    kind: "accesskey" as const,
    credentialName: "ci-deploys-x7k2p",
    id: "00000000-0000-4000-8000-000000000001",
    reach: null,
    revokedAt: null,
  };

  it("Issue again opens the builder on the access key with the same scope and lifetime", () => {
    expect(encodeScopeState(reissueState(entry))).toBe(
      "v=default/dev&ttl=3600&credential=accesskey",
    );
    expect(encodeScopeState(reissueState({ ...entry, kind: "token" }))).toBe(
      "v=default/dev&ttl=3600",
    );
  });

  it("titles and reminders say access key", () => {
    expect(entryTitle({ ...entry, note: null, issuedScope: null })).toBe("Unrestricted access key");
    const { text } = remindersCalendar([entry], CREATED);
    expect(text).toContain("SUMMARY:Access key expires: CI");
    expect(text).toContain("ci-deploys-x7k2p");
    expect(text).not.toContain(SECRET);
  });
});
