import { describe, expect, it } from "vitest";
import { fingerprintInBrowser } from "@/lib/token/fingerprint";
import { ManagementError } from "@/lib/management/errors";
import {
  generationAnswerOf,
  raiseOwnGeneration,
  tokenGenerationOf,
  tokenGenOf,
  type OwnGeneration,
  type RaiseDeps,
} from "@/lib/revocation/generation";
import { readFingerprintBody } from "@/lib/revocation/recognize";
import { scopeInWords } from "@/lib/ledger/summary";
import { fingerprintOf } from "@/lib/ledger/store";

const conflict = () => new ManagementError("the object has been modified", 409, "Conflict");
const user = (generation: number, resourceVersion: string): OwnGeneration => ({
  state: "user",
  user: "alice",
  generation,
  resourceVersion,
});

/** A platform double: reads answer in turn; each raise answers or throws in turn. */
function platform(reads: OwnGeneration[], raises: Array<Error | number>) {
  const calls: string[] = [];
  const deps: RaiseDeps = {
    read: async () => {
      calls.push("read");
      return reads.shift()!;
    },
    raise: async (name, from, resourceVersion) => {
      calls.push(`raise ${name} from ${from} at ${resourceVersion}`);
      const next = raises.shift()!;
      if (next instanceof Error) throw next;
      return { spec: { tokenGeneration: next } };
    },
  };
  return { deps, calls };
}

describe("raising the signed-in user's token generation", () => {
  it("reads, raises by one guarded by the resourceVersion read, and reports from and to", async () => {
    const { deps, calls } = platform([user(3, "17")], [4]);
    expect(await raiseOwnGeneration(deps)).toEqual({ ok: true, user: "alice", from: 3, to: 4 });
    expect(calls).toEqual(["read", "raise alice from 3 at 17"]);
  });

  it("a 409 Conflict is read again and tried once more", async () => {
    const { deps, calls } = platform([user(0, "5"), user(2, "9")], [conflict(), 3]);
    expect(await raiseOwnGeneration(deps)).toEqual({ ok: true, user: "alice", from: 2, to: 3 });
    expect(calls).toEqual(["read", "raise alice from 0 at 5", "read", "raise alice from 2 at 9"]);
  });

  it("a second 409 gives up: a conflict, nothing raised", async () => {
    const { deps, calls } = platform([user(0, "5"), user(1, "6")], [conflict(), conflict()]);
    expect(await raiseOwnGeneration(deps)).toMatchObject({ ok: false, why: "conflict" });
    expect(calls).toHaveLength(4);
  });

  it("a 403 is the platform's refusal, with its message, and is not retried", async () => {
    const refused = new ManagementError('cannot patch resource "users"', 403, "Forbidden");
    const { deps, calls } = platform([user(0, "5")], [refused]);
    expect(await raiseOwnGeneration(deps)).toEqual({
      ok: false,
      why: "forbidden",
      user: "alice",
      error: refused,
    });
    expect(calls).toHaveLength(2);
  });

  it("a team, or a user object that cannot be read, is never written", async () => {
    const team = platform([{ state: "team", team: "platform" }], []);
    expect(await raiseOwnGeneration(team.deps)).toEqual({
      ok: false,
      why: "team",
      team: "platform",
    });
    const error = new ManagementError("forbidden", 403, "Forbidden");
    const unreadable = platform([{ state: "unreadable", user: "alice", error }], []);
    expect(await raiseOwnGeneration(unreadable.deps)).toMatchObject({ why: "unreadable", error });
    expect([...team.calls, ...unreadable.calls]).toEqual(["read", "read"]);
  });

  it("marks up to what the platform stored when someone raised it further meanwhile", async () => {
    const { deps } = platform([user(3, "17")], [9]);
    expect(await raiseOwnGeneration(deps)).toMatchObject({ ok: true, from: 3, to: 9 });
  });
});

describe("token generations", () => {
  it("absent is 0; only whole numbers count", () => {
    expect(tokenGenerationOf(undefined)).toBe(0);
    expect(tokenGenerationOf({})).toBe(0);
    expect(tokenGenerationOf({ tokenGeneration: 4 })).toBe(4);
    expect(tokenGenerationOf({ tokenGeneration: -1 })).toBeUndefined();
    expect(tokenGenerationOf({ tokenGeneration: 1.5 })).toBeUndefined();
    expect(tokenGenOf(undefined)).toBe(0);
    expect(tokenGenOf(2)).toBe(2);
    expect(tokenGenOf("3")).toBe(3);
    expect(tokenGenOf("x")).toBeUndefined();
  });
});

describe("recognising a pasted token by fingerprint", () => {
  const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

  it("the browser's WebCrypto fingerprint is the ledger's, trimmed the same way", async () => {
    const fingerprint = await fingerprintInBrowser(`  ${token}\n`);
    expect(fingerprint).toBe(fingerprintOf(token));
    expect(fingerprint).toBe(fingerprintOf(`\t${token} `));
    expect(fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("the route takes a fingerprint only, never a token", () => {
    const fingerprint = fingerprintOf(token);
    const json = "application/json";
    expect(readFingerprintBody(json, JSON.stringify({ fingerprint }))).toEqual({
      ok: true,
      fingerprint,
    });
    expect(readFingerprintBody(json, JSON.stringify({ fingerprint: token }))).toMatchObject({
      ok: false,
      code: 422,
    });
    expect(readFingerprintBody(json, JSON.stringify({ token }))).toMatchObject({ code: 422 });
    expect(readFingerprintBody("text/plain", JSON.stringify({ fingerprint }))).toMatchObject({
      code: 415,
    });
    expect(readFingerprintBody(json, "{")).toMatchObject({ code: 400 });
    expect(
      readFingerprintBody(json, JSON.stringify({ fingerprint, pad: "x".repeat(2000) })),
    ).toMatchObject({ code: 413 });
  });

  it("says the issued scope in words", () => {
    expect(scopeInWords(null)).toMatch(/^Unrestricted/);
    expect(scopeInWords({ projects: [{ project: "demo" }], allowLoftCli: true })).toBe(
      "Project demo: everything (all spaces and virtual clusters); Loft CLI: read-only (get, list, watch) requests to the management API (allowLoftCli, deprecated: the loft-cli role replaces it)",
    );
    expect(scopeInWords({ projects: "nope" })).toBe("A scope this console cannot read");
  });
});

describe("GET /api/tokens/generation's answer", () => {
  it("is the user's generation, or null with the reason for a team or an unreadable user", () => {
    expect(generationAnswerOf({ state: "user", user: "alice", generation: 3 })).toEqual({
      kind: "User",
      user: "alice",
      tokenGeneration: 3,
    });
    expect(generationAnswerOf({ state: "team", team: "ops" })).toEqual({
      kind: "Team",
      user: "ops",
      tokenGeneration: null,
      reason: "teams have no token generation",
    });
    const error = new ManagementError('users "bob" is forbidden', 403, "Forbidden");
    expect(generationAnswerOf({ state: "unreadable", user: "bob", error })).toEqual({
      kind: "User",
      user: "bob",
      tokenGeneration: null,
      reason: 'users "bob" is forbidden',
    });
  });
});
