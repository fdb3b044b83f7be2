import { type Kysely, Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, type OpenStore } from "@/lib/store/store-db";
import { MIGRATIONS } from "@/lib/store/migrations";
import {
  claimSubmission,
  completeSubmission,
  releaseSubmission,
  takeRateLimit,
} from "@/lib/store/guards";
import {
  activeEntries,
  countLedger,
  findByFingerprint,
  fingerprintOf,
  listLedger,
  markAccessKeyDeleted,
  markRevoked,
  recordIssued,
  setReach,
  type NewLedgerEntry,
} from "@/lib/ledger/store";
import { prune } from "@/lib/store/prune";
import { acquireResolutionSlot } from "@/lib/store/resolution-slots";
import { principalKey, type PrincipalKind } from "@/lib/session/principal";
import { keyRing, open } from "@/lib/store/secret-box";
import {
  ABSOLUTE_MS,
  IDLE_MS,
  createSession,
  endPrincipalSessions,
  endSession,
  readSession,
  resealSessions,
  sealedFor,
} from "@/lib/store/sessions";
import { STORE_ENGINES } from "@/tests/support/store-engines";

/**
 * The console store's behaviour, the same on both engines: SQLite in a directory, and PostgreSQL on
 * the throwaway server the api project starts (tests/support/postgres-global-setup.ts).
 */
const engines = STORE_ENGINES;

const SECRET = "s".repeat(40);
const OLD_SECRET = "o".repeat(40);
const T0 = Date.UTC(2026, 10, 1, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const PLATFORM = "https://platform.example";

/** A principal's ledger identity (an Owner, and the owner fields of an entry). */
const who = (name: string, kind: PrincipalKind = "User", uid?: string) => ({
  principal: principalKey({ kind, name }),
  principalUid: uid ?? null,
  user: name,
  platform: PLATFORM,
  ...(uid ? { uid } : {}),
});
const alice = who("alice");
const asUser = (name: string) => ({ kind: "User" as const, name });

function entry(over: Partial<NewLedgerEntry> = {}): NewLedgerEntry {
  return {
    ...alice,
    tokenId: null,
    fingerprint: fingerprintOf(`token-${Math.random()}`),
    requested: { ttl: 3600, scope: { projects: [{ project: "default" }] } },
    issuedScope: { projects: [{ project: "default" }] },
    requestedTtl: 3600,
    issuedAt: T0,
    expiresAt: T0 + HOUR,
    generation: 0,
    note: null,
    ...over,
  };
}

describe.each(engines)("console store on $name", (engine) => {
  let store: OpenStore;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it("migration 0004 makes every earlier ledger row a token without a name", async () => {
    const db = await engine.bare();
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      const before = await migrator.migrateTo("0003_resolution_slots");
      expect(before.error).toBeUndefined();
      // A row as the console wrote it before access keys (no kind, no credential_name).
      const legacy = db as unknown as Kysely<{ ledger: Record<string, unknown> }>;
      await legacy
        .insertInto("ledger")
        .values({
          id: "legacy-1",
          user_name: "alice",
          principal: "user:alice",
          principal_uid: null,
          platform: PLATFORM,
          token_id: "jti-legacy",
          fingerprint: fingerprintOf("legacy-token"),
          requested: "{}",
          issued_scope: null,
          requested_ttl: 3600,
          issued_at: T0,
          expires_at: T0 + HOUR,
          generation: 0,
          note: "before 0004",
          reach: null,
          revoked_at: null,
        })
        .execute();
      await migrate(db);
      // The columns 0004 adds, as stored: every earlier row a token, without a name.
      const row = await legacy
        .selectFrom("ledger")
        .select(["kind", "credential_name"])
        .where("id", "=", "legacy-1")
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ kind: "token", credential_name: null });
      const found = await findByFingerprint(db, alice, fingerprintOf("legacy-token"));
      expect(found).toMatchObject({
        id: "legacy-1",
        kind: "token",
        credentialName: null,
        note: "before 0004",
      });
      // And it is a token for revocation: a raised generation marks it.
      expect(await markRevoked(db, alice, 1, T0)).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it("reports its engine and migrates again as a no-op", async () => {
    expect(store.engine).toBe(engine.name);
    await migrate(store.db);
    await migrate(store.db);
  });

  it("runs what is pending, then leaves an up-to-date store to itself without the Migrator", async () => {
    const db = await engine.bare();
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo("0003_resolution_slots")).error).toBeUndefined();
      await migrate(db);
      const ran = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`
        .execute(db)
        .then((r) => r.rows.map((row) => row.name));
      expect(ran).toEqual(Object.keys(MIGRATIONS).sort());
      // Up to date: the Migrator (which makes its lock table whenever it runs) is not started.
      await sql`DROP TABLE kysely_migration_lock`.execute(db);
      await migrate(db);
      const lockTable = await sql<{ n: number }>`SELECT count(*) AS n FROM kysely_migration_lock`
        .execute(db)
        .then(
          () => "there",
          () => "absent",
        );
      expect(lockTable).toBe("absent");
    } finally {
      await db.destroy();
    }
  });

  it("refuses a store that ran a migration this build does not know", async () => {
    const db = await engine.bare();
    try {
      await migrate(db);
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_a_newer_build', '2030-01-01T00:00:00.000Z')`.execute(
        db,
      );
      await expect(migrate(db)).rejects.toThrow(/could not be migrated.*9999_from_a_newer_build/s);
    } finally {
      await db.destroy();
    }
  });

  describe("sessions", () => {
    const ring = keyRing(SECRET);

    it("keeps the access key only encrypted; the cookie value is a random id the store does not hold", async () => {
      const { cookieValue, session } = await createSession(
        store.db,
        ring,
        {
          principal: asUser("alice"),
          platform: PLATFORM,
          profile: { p: 1 },
          accessKey: "key-SECRET-1",
        },
        T0,
      );
      expect(cookieValue).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const row = await store.db
        .selectFrom("sessions")
        .selectAll()
        .where("id", "=", session.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain("key-SECRET-1");
      expect(JSON.stringify(row)).not.toContain(cookieValue);
      const read = await readSession<{ p: number }>(store.db, ring, cookieValue, T0 + 1000);
      expect(read).toMatchObject({
        principal: asUser("alice"),
        accessKey: "key-SECRET-1",
        profile: { p: 1 },
      });
      expect(await readSession(store.db, ring, `${cookieValue}x`, T0 + 1000)).toBeNull();
    });

    it("ends idle sessions, sessions past the absolute limit, and sessions signed out", async () => {
      const make = () =>
        createSession(
          store.db,
          ring,
          { principal: asUser("bob"), platform: PLATFORM, profile: {}, accessKey: "k" },
          T0,
        );
      const idle = await make();
      expect(await readSession(store.db, ring, idle.cookieValue, T0 + IDLE_MS + 1)).toBeNull();
      // Activity slides the idle window, but not past the absolute limit.
      const busy = await make();
      let now = T0;
      while (now + IDLE_MS / 2 < T0 + ABSOLUTE_MS) {
        now += IDLE_MS / 2;
        expect(await readSession(store.db, ring, busy.cookieValue, now)).not.toBeNull();
      }
      expect(await readSession(store.db, ring, busy.cookieValue, T0 + ABSOLUTE_MS + 1)).toBeNull();
      const ended = await make();
      await endSession(store.db, ended.session.id);
      expect(await readSession(store.db, ring, ended.cookieValue, T0 + 1)).toBeNull();
    });

    it("signs a user out everywhere, leaving other users and platforms alone", async () => {
      const mk = (user: string, platform = PLATFORM) =>
        createSession(
          store.db,
          ring,
          { principal: asUser(user), platform, profile: {}, accessKey: "k" },
          T0,
        );
      const [a1, a2, other, elsewhere] = [
        await mk("carol"),
        await mk("carol"),
        await mk("dave"),
        await mk("carol", "https://other.example"),
      ];
      expect(await endPrincipalSessions(store.db, asUser("carol"), PLATFORM)).toBe(2);
      expect(await readSession(store.db, ring, a1.cookieValue, T0 + 1)).toBeNull();
      expect(await readSession(store.db, ring, a2.cookieValue, T0 + 1)).toBeNull();
      expect(await readSession(store.db, ring, other.cookieValue, T0 + 1)).not.toBeNull();
      expect(await readSession(store.db, ring, elsewhere.cookieValue, T0 + 1)).not.toBeNull();
    });

    it("keeps team ops and user ops apart: signing one out everywhere leaves the other signed in", async () => {
      const team = { kind: "Team" as const, name: "ops" };
      const mk = (principal: { kind: PrincipalKind; name: string }) =>
        createSession(
          store.db,
          ring,
          { principal, platform: PLATFORM, profile: {}, accessKey: "k" },
          T0,
        );
      const [user1, user2, team1] = [
        await mk(asUser("ops")),
        await mk(asUser("ops")),
        await mk(team),
      ];
      expect(await readSession(store.db, ring, team1.cookieValue, T0 + 1)).toMatchObject({
        principal: team,
      });
      expect(await endPrincipalSessions(store.db, asUser("ops"), PLATFORM)).toBe(2);
      expect(await readSession(store.db, ring, user1.cookieValue, T0 + 1)).toBeNull();
      expect(await readSession(store.db, ring, user2.cookieValue, T0 + 1)).toBeNull();
      expect(await readSession(store.db, ring, team1.cookieValue, T0 + 1)).not.toBeNull();
      expect(await endPrincipalSessions(store.db, team, PLATFORM)).toBe(1);
    });

    it("a sign-in ends the session the browser presented; the new one has a new id", async () => {
      const first = await createSession(
        store.db,
        ring,
        { principal: asUser("judy"), platform: PLATFORM, profile: {}, accessKey: "k1" },
        T0,
      );
      const second = await createSession(
        store.db,
        ring,
        {
          principal: asUser("judy"),
          platform: PLATFORM,
          profile: {},
          accessKey: "k2",
          replacing: [first.cookieValue, "x".repeat(500)],
        },
        T0 + 1,
      );
      expect(second.session.id).not.toBe(first.session.id);
      expect(await readSession(store.db, ring, first.cookieValue, T0 + 2)).toBeNull();
      expect(await readSession(store.db, ring, second.cookieValue, T0 + 2)).toMatchObject({
        accessKey: "k2",
      });
    });

    it("a sealed key moved into another session's row does not open there", async () => {
      const victim = await createSession(
        store.db,
        ring,
        { principal: asUser("victim"), platform: PLATFORM, profile: {}, accessKey: "victim-key" },
        T0,
      );
      // Someone who can write the store, but lacks SESSION_SECRET, signs in as themselves…
      const mallory = await createSession(
        store.db,
        ring,
        { principal: asUser("mallory"), platform: PLATFORM, profile: {}, accessKey: "own-key" },
        T0,
      );
      const sealed = await store.db
        .selectFrom("sessions")
        .select("access_key")
        .where("id", "=", victim.session.id)
        .executeTakeFirstOrThrow();
      // …and copies the victim's sealed key into their own row, then into one claiming the victim.
      await store.db
        .updateTable("sessions")
        .set({ access_key: sealed.access_key })
        .where("id", "=", mallory.session.id)
        .execute();
      expect(await readSession(store.db, ring, mallory.cookieValue, T0 + 1)).toBeNull();
      await store.db
        .updateTable("sessions")
        .set({ access_key: sealed.access_key, principal: "user:victim", user_name: "victim" })
        .where("id", "=", mallory.session.id)
        .execute();
      expect(await readSession(store.db, ring, mallory.cookieValue, T0 + 1)).toBeNull();
      // A box with its tag cut short does not open either.
      const [id, iv, body] = sealed.access_key.split(".");
      const bytes = Buffer.from(body!, "base64url");
      const short = `${id}.${iv}.${bytes.subarray(0, bytes.length - 12).toString("base64url")}`;
      expect(open(ring, short, sealedFor(victim.session.id, "user:victim"))).toBeNull();
      expect(open(ring, sealed.access_key, sealedFor(victim.session.id, "user:victim"))).toBe(
        "victim-key",
      );
    });

    it("rotates SESSION_SECRET: old sessions still open and are re-sealed; keys of unknown secrets stay unreadable", async () => {
      const old = keyRing(OLD_SECRET);
      const kept = await createSession(
        store.db,
        old,
        { principal: asUser("erin"), platform: PLATFORM, profile: {}, accessKey: "erin-key" },
        T0,
      );
      const rotated = keyRing(SECRET, [OLD_SECRET]);
      expect(await resealSessions(store.db, rotated)).toBeGreaterThanOrEqual(1);
      const row = await store.db
        .selectFrom("sessions")
        .select("access_key")
        .where("id", "=", kept.session.id)
        .executeTakeFirstOrThrow();
      const place = sealedFor(kept.session.id, "user:erin");
      expect(open(keyRing(SECRET), row.access_key, place)).toBe("erin-key");
      expect(open(old, row.access_key, place)).toBeNull();
      // A session sealed under a secret this replica does not know cannot be read, and is left for
      // replicas that do (a rolling rotation) rather than deleted.
      const orphan = await createSession(
        store.db,
        keyRing("z".repeat(40)),
        { principal: asUser("erin"), platform: PLATFORM, profile: {}, accessKey: "k" },
        T0,
      );
      expect(await readSession(store.db, rotated, orphan.cookieValue, T0 + 1)).toBeNull();
      expect(await resealSessions(store.db, rotated)).toBe(0);
      expect(
        await readSession(store.db, keyRing("z".repeat(40)), orphan.cookieValue, T0 + 1),
      ).not.toBeNull();
    });
  });

  describe("guards", () => {
    it("a submission is claimed once, whoever asks; a released claim can be taken again", async () => {
      const id = `sub-${engine.name}-1`;
      const results = await Promise.all(
        Array.from({ length: 8 }, () => claimSubmission(store.db, id, 60_000, T0)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      await releaseSubmission(store.db, id);
      expect(await claimSubmission(store.db, id, 60_000, T0)).toBe(true);
    });

    it("a completed submission never issues again; a stale, uncompleted claim may be taken over", async () => {
      const done = `sub-${engine.name}-done`;
      expect(await claimSubmission(store.db, done, 1000, T0)).toBe(true);
      await completeSubmission(store.db, done, T0);
      expect(await claimSubmission(store.db, done, 1000, T0 + DAY)).toBe(false);
      const dead = `sub-${engine.name}-dead`;
      expect(await claimSubmission(store.db, dead, 1000, T0)).toBe(true);
      expect(await claimSubmission(store.db, dead, 1000, T0 + 500)).toBe(false);
      expect(await claimSubmission(store.db, dead, 1000, T0 + 1500)).toBe(true);
    });

    it("counts attempts per bucket and window, atomically", async () => {
      const bucket = `sign-in:${engine.name}`;
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => takeRateLimit(store.db, bucket, 5, 60_000, T0)),
      );
      expect(answers.filter((a) => a === 0)).toHaveLength(5);
      expect(answers.filter((a) => a > 0)).toHaveLength(7);
      expect(await takeRateLimit(store.db, `${bucket}-other`, 5, 60_000, T0)).toBe(0);
      expect(await takeRateLimit(store.db, bucket, 5, 60_000, T0 + 60_000)).toBe(0);
    });
  });

  describe("ledger", () => {
    it("records an entry and completes its submission in one step; finds it by fingerprint", async () => {
      const sub = `ledger-${engine.name}`;
      await claimSubmission(store.db, sub, 60_000, T0);
      const recorded = await recordIssued(
        store.db,
        entry({ fingerprint: fingerprintOf("the-token\n"), note: "CI deploys", tokenId: "jti-1" }),
        sub,
        T0,
      );
      expect(await claimSubmission(store.db, sub, 0, T0 + DAY)).toBe(false);
      const found = await findByFingerprint(store.db, alice, fingerprintOf("the-token"));
      expect(found).toMatchObject({ id: recorded.id, note: "CI deploys", tokenId: "jti-1" });
      expect(await findByFingerprint(store.db, who("bob"), found!.fingerprint)).toBe(undefined);
      await setReach(store.db, recorded.id, { at: "x", targets: ["a"], truncated: false });
      expect((await findByFingerprint(store.db, alice, found!.fingerprint))?.reach).toEqual({
        at: "x",
        targets: ["a"],
        truncated: false,
      });
    });

    it("filters, counts and pages newest first", async () => {
      const owner = who("frank");
      const now = T0 + 10 * DAY;
      const make = (i: number, over: Partial<NewLedgerEntry>) =>
        recordIssued(store.db, entry({ ...owner, issuedAt: T0 + i * HOUR, ...over }));
      for (let i = 0; i < 3; i++) await make(i, { expiresAt: now + 30 * DAY }); // active
      for (let i = 3; i < 5; i++) await make(i, { expiresAt: now + DAY }); // expiring
      for (let i = 5; i < 9; i++) await make(i, { expiresAt: now - DAY }); // expired
      await make(9, { expiresAt: null }); // never expires: active
      expect(await countLedger(store.db, owner, now)).toEqual({
        all: 10,
        active: 6,
        expiring: 2,
        expired: 4,
        revoked: 0,
      });
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await listLedger(store.db, owner, { limit: 3, cursor, now });
        seen.push(...page.entries.map((e) => e.issuedAt));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      expect(seen).toHaveLength(10);
      const expiring = await listLedger(store.db, owner, { filter: "expiring", now });
      expect(expiring.entries.map((e) => e.issuedAt)).toEqual([T0 + 4 * HOUR, T0 + 3 * HOUR]);
      expect((await activeEntries(store.db, owner, now)).length).toBe(6);
    });

    it("marks revoked the active entries below a raised generation, only the user's own", async () => {
      const owner = who("grace");
      const now = T0 + DAY;
      await recordIssued(store.db, entry({ ...owner, generation: 0, expiresAt: now + DAY }));
      await recordIssued(store.db, entry({ ...owner, generation: 1, expiresAt: now + DAY }));
      await recordIssued(store.db, entry({ ...owner, generation: 0, expiresAt: now - 1 }));
      await recordIssued(store.db, entry({ ...owner, generation: 2, expiresAt: now + DAY }));
      await recordIssued(store.db, entry({ ...who("heidi"), expiresAt: now + DAY }));
      expect(await markRevoked(store.db, owner, 2, now)).toBe(2);
      expect(await countLedger(store.db, owner, now)).toMatchObject({
        revoked: 2,
        active: 1,
        expired: 1,
      });
      expect(await markRevoked(store.db, owner, 2, now)).toBe(0);
      const heidi = await countLedger(store.db, who("heidi"), now);
      expect(heidi.revoked).toBe(0);
    });

    it("marks revoked the entry of an access key deleted through the console, only its owner's", async () => {
      const owner = who("ivan");
      const now = T0 + DAY;
      const key = { kind: "accesskey" as const, credentialName: "ci-key", expiresAt: now + DAY };
      await recordIssued(store.db, entry({ ...owner, ...key }));
      await recordIssued(store.db, entry({ ...owner, ...key, credentialName: "other-key" }));
      await recordIssued(store.db, entry({ ...who("ivy"), ...key }));
      expect(await markAccessKeyDeleted(store.db, owner, "ci-key", now)).toBe(1);
      expect(await countLedger(store.db, owner, now)).toMatchObject({ revoked: 1, active: 1 });
      expect(await countLedger(store.db, who("ivy"), now)).toMatchObject({ revoked: 0 });
      expect(await markAccessKeyDeleted(store.db, owner, "ci-key", now + 1)).toBe(0);
      // Out of the way of the pruning test, which counts every row.
      await store.db
        .deleteFrom("ledger")
        .where("principal", "in", ["user:ivan", "user:ivy"])
        .execute();
    });

    it("keeps a team's entries apart from a user's of the same name, and an earlier uid's apart from a later one's", async () => {
      const now = T0 + DAY;
      const user = who("ops2", "User", "uid-user-2");
      const team = who("ops2", "Team", "uid-team");
      const earlier = who("ops2", "User", "uid-user-1");
      await recordIssued(store.db, entry({ ...user, expiresAt: now + DAY }));
      await recordIssued(store.db, entry({ ...team, expiresAt: now + DAY }));
      await recordIssued(store.db, entry({ ...team, expiresAt: now + DAY }));
      await recordIssued(store.db, entry({ ...earlier, expiresAt: now + DAY }));
      expect((await countLedger(store.db, user, now)).all).toBe(1);
      expect((await countLedger(store.db, team, now)).all).toBe(2);
      expect((await countLedger(store.db, earlier, now)).all).toBe(1);
      // The user's "Revoke all" marks only the user's own entries.
      expect(await markRevoked(store.db, user, 1, now)).toBe(1);
      expect((await countLedger(store.db, team, now)).revoked).toBe(0);
      expect((await countLedger(store.db, earlier, now)).revoked).toBe(0);
    });

    it("records an access key with its kind and name; finds it by the key's fingerprint", async () => {
      const owner = who("judy");
      const sub = `accesskey-${engine.name}`;
      await claimSubmission(store.db, sub, 60_000, T0);
      const recorded = await recordIssued(
        store.db,
        entry({
          ...owner,
          kind: "accesskey",
          credentialName: "ci-deploys-x7k2p",
          fingerprint: fingerprintOf("the-access-key"),
          note: "CI key",
          expiresAt: null,
        }),
        sub,
        T0,
      );
      expect(recorded).toMatchObject({ kind: "accesskey", credentialName: "ci-deploys-x7k2p" });
      expect(await claimSubmission(store.db, sub, 0, T0 + DAY)).toBe(false);
      const token = await recordIssued(
        store.db,
        entry({ ...owner, issuedAt: T0 + HOUR, expiresAt: T0 + DAY }),
      );
      expect(token).toMatchObject({ kind: "token", credentialName: null });
      expect(
        await findByFingerprint(store.db, owner, fingerprintOf("the-access-key")),
      ).toMatchObject({
        id: recorded.id,
        kind: "accesskey",
        credentialName: "ci-deploys-x7k2p",
        note: "CI key",
      });
      const listed = await listLedger(store.db, owner, { now: T0 });
      expect(listed.entries.map((e) => [e.kind, e.credentialName])).toEqual([
        ["token", null],
        ["accesskey", "ci-deploys-x7k2p"],
      ]);
      expect((await activeEntries(store.db, owner, T0, "token")).map((e) => e.id)).toEqual([
        token.id,
      ]);
      expect((await activeEntries(store.db, owner, T0)).length).toBe(2);
    });

    it("marks revoked only tokens: a raised token generation leaves access keys alone", async () => {
      const owner = who("ken");
      const now = T0 + DAY;
      const key = await recordIssued(
        store.db,
        entry({ ...owner, kind: "accesskey", credentialName: "k-1", expiresAt: now + DAY }),
      );
      const lastUse = await recordIssued(
        store.db,
        entry({ ...owner, kind: "accesskey", credentialName: "k-2", expiresAt: null }),
      );
      await recordIssued(store.db, entry({ ...owner, generation: 0, expiresAt: now + DAY }));
      expect(await markRevoked(store.db, owner, 1, now)).toBe(1);
      const after = await listLedger(store.db, owner, { now });
      for (const e of after.entries)
        expect([e.kind, e.revokedAt === null]).toEqual(
          e.kind === "token" ? ["token", false] : ["accesskey", true],
        );
      expect(
        after.entries
          .filter((e) => e.revokedAt === null)
          .map((e) => e.id)
          .sort(),
      ).toEqual([key.id, lastUse.id].sort());
      expect(await countLedger(store.db, owner, now)).toMatchObject({ active: 2, revoked: 1 });
    });

    it("prunes entries a retention after expiry or revocation, and stale sessions and guards", async () => {
      const owner = who("ivan");
      await recordIssued(store.db, entry({ ...owner, expiresAt: T0 - 40 * DAY }));
      await recordIssued(store.db, entry({ ...owner, expiresAt: T0 - 10 * DAY }));
      await recordIssued(store.db, entry({ ...owner, expiresAt: null }));
      // A listing lease its process never gave back, and one still held.
      expect(await acquireResolutionSlot(store.db, "lapsed-owner", { now: T0 - DAY })).toBeTruthy();
      expect(await acquireResolutionSlot(store.db, "holding-owner", { now: T0 })).toBeTruthy();
      const counts = await prune(store.db, 30 * DAY, T0);
      expect(counts.resolutionSlots).toBeGreaterThanOrEqual(1);
      const slotOwners = await store.db
        .selectFrom("resolution_slots")
        .select("owner")
        .where("owner", "in", ["lapsed-owner", "holding-owner"])
        .execute();
      expect(slotOwners).toEqual([{ owner: "holding-owner" }]);
      expect(counts.ledger).toBeGreaterThanOrEqual(1);
      expect((await countLedger(store.db, owner, T0)).all).toBe(2);
      const later = await prune(store.db, 30 * DAY, T0 + 365 * DAY);
      expect(later.sessions).toBeGreaterThanOrEqual(1);
      expect(later.submissions).toBeGreaterThanOrEqual(1);
      expect(later.rateLimits).toBeGreaterThanOrEqual(1);
      expect((await countLedger(store.db, owner, T0)).all).toBe(1);
    });
  });
});
