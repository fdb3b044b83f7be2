import { beforeEach, describe, expect, it, vi } from "vitest";
import { ManagementError } from "@/lib/management/errors";
import type * as Submission from "@/lib/actions/submission";
import type { OwnedAccessKey } from "@/lib/management/access-keys";
import type { SessionData } from "@/lib/session/session";

/**
 * The Access keys actions' flow with the platform, the store and Next.js replaced: only your own key
 * is changed, the change applies to the key as read, the key you signed in with signs you out, and
 * a submission is released only when sending it again may help.
 */

const platform = vi.hoisted(() => ({
  read: vi.fn<(key: string, name: string) => Promise<OwnedAccessKey>>(),
  patch: vi.fn(),
  remove: vi.fn(),
}));
const next = vi.hoisted(() => ({
  refresh: vi.fn(),
  redirect: vi.fn((to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  }),
  endCurrentSession: vi.fn(async () => undefined),
  complete: vi.fn(async () => undefined),
  release: vi.fn(async () => undefined),
  claim: vi.fn(async (): Promise<{ claim: string } | { refused: unknown }> => ({
    claim: "claim-1",
  })),
  markDeleted: vi.fn(async () => 1),
}));

vi.mock("next/cache", () => ({ refresh: next.refresh }));
vi.mock("next/navigation", () => ({ redirect: next.redirect }));
vi.mock("@/lib/config", () => ({ getConfig: () => ({ PLATFORM_TIMEOUT_MS: 1000 }) }));
vi.mock("@/lib/store", () => ({ getStore: async () => ({ db: {} }) }));
vi.mock("@/lib/ledger/store", () => ({ markAccessKeyDeleted: next.markDeleted }));
vi.mock("@/lib/store/guards", () => ({
  completeSubmission: next.complete,
  releaseSubmission: next.release,
}));
vi.mock("@/lib/actions/submission", async (importOriginal) => ({
  ...(await importOriginal<typeof Submission>()),
  claimFormSubmission: next.claim,
}));
vi.mock("@/lib/session/session", () => ({ endCurrentSession: next.endCurrentSession }));
vi.mock("@/lib/management/resources", () => ({
  whoAmI: async () => ({ status: { accessKey: "signed-in" } }),
}));
vi.mock("@/lib/management/access-keys", () => ({
  readOwnedAccessKey: platform.read,
  setOwnedAccessKeyDisabled: platform.patch,
  deleteOwnedAccessKey: platform.remove,
}));

const { deleteKey, setKeyDisabled } = await import("@/lib/access-keys/change");

const session = {
  id: "s1",
  accessKey: "the-session-key",
  principal: { kind: "User", name: "alice" },
  platform: "http://platform",
  createdAt: 0,
  projectNamespacePrefix: "p-",
  accessKeyName: "signed-in",
} satisfies SessionData;

const SUBMISSION = "0123456789abcdef";

const key = (name: string, spec: OwnedAccessKey["spec"] = {}): OwnedAccessKey => ({
  metadata: { name, uid: `uid-${name}`, resourceVersion: "41" },
  spec: { user: "alice", displayName: `Key ${name}`, key: "secret", ...spec },
});

const redirectOf = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (error: { to?: string }) => error.to,
  );

beforeEach(() => {
  vi.clearAllMocks();
  platform.read.mockImplementation(async (_k, name) => key(name));
  platform.patch.mockResolvedValue({});
  platform.remove.mockResolvedValue({});
});

describe("Disable / Enable", () => {
  it("patches spec.disabled of your key as read (resourceVersion), with your key, once", async () => {
    const result = await setKeyDisabled(session, {
      name: "ci",
      disabled: true,
      submissionId: SUBMISSION,
    });
    expect(result).toEqual({
      ok: true,
      data: { name: "ci", displayName: "Key ci", disabled: true },
    });
    expect(platform.read).toHaveBeenCalledWith("the-session-key", "ci");
    expect(platform.patch).toHaveBeenCalledWith("the-session-key", "ci", true, "41");
    expect(next.claim.mock.calls[0]).toContain("access-key-disable");
    expect(next.complete).toHaveBeenCalledOnce();
    expect(next.refresh).toHaveBeenCalledOnce();
    expect(JSON.stringify(result)).not.toContain("secret");
  });

  it("sends nothing when the key is already as asked", async () => {
    platform.read.mockResolvedValue(key("ci", { disabled: true }));
    const result = await setKeyDisabled(session, {
      name: "ci",
      disabled: true,
      submissionId: SUBMISSION,
    });
    expect(result.ok).toBe(true);
    expect(platform.patch).not.toHaveBeenCalled();
  });

  it("leaves another principal's key alone (an admin's key can read it)", async () => {
    platform.read.mockResolvedValue(key("bobs", { user: "bob" }));
    const result = await setKeyDisabled(session, {
      name: "bobs",
      disabled: true,
      submissionId: SUBMISSION,
    });
    expect(result).toMatchObject({ ok: false, code: 404 });
    expect(platform.patch).not.toHaveBeenCalled();
  });

  it("disabling the key you signed in with ends the session and goes to sign-in", async () => {
    const to = await redirectOf(
      setKeyDisabled(session, { name: "signed-in", disabled: true, submissionId: SUBMISSION }),
    );
    expect(platform.patch).toHaveBeenCalledWith("the-session-key", "signed-in", true, "41");
    expect(next.endCurrentSession).toHaveBeenCalledOnce();
    expect(to).toMatch(/^\/sign-in\?/);
  });

  it("a conflict says the key changed meanwhile and completes the submission", async () => {
    platform.read.mockResolvedValue(key("ci", { disabled: true }));
    platform.patch.mockRejectedValue(new ManagementError("conflict", 409, "Conflict"));
    const result = await setKeyDisabled(session, {
      name: "ci",
      disabled: false,
      submissionId: SUBMISSION,
    });
    expect(result).toMatchObject({ ok: false, code: 409 });
    expect(!result.ok && result.error).toContain("changed meanwhile");
    expect(next.complete).toHaveBeenCalledOnce();
    expect(next.release).not.toHaveBeenCalled();
  });

  it("a failure that may pass releases the submission, so sending it again acts", async () => {
    platform.patch.mockRejectedValue(new ManagementError("timeout", 504, "Timeout", [], true));
    const result = await setKeyDisabled(session, {
      name: "ci",
      disabled: true,
      submissionId: SUBMISSION,
    });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(next.release).toHaveBeenCalledOnce();
  });

  it("re-parses its input: a name that is not a DNS-1123 name reaches no platform", async () => {
    const result = await setKeyDisabled(session, {
      name: "../users/bob",
      disabled: true,
      submissionId: SUBMISSION,
    });
    expect(result).toMatchObject({ ok: false, code: 400 });
    expect(platform.read).not.toHaveBeenCalled();
    expect(next.claim).not.toHaveBeenCalled();
  });
});

describe("Delete", () => {
  it("deletes your key by uid and reloads the list", async () => {
    const result = await deleteKey(session, { name: "ci", submissionId: SUBMISSION });
    expect(result).toEqual({ ok: true, data: { name: "ci", displayName: "Key ci" } });
    expect(platform.remove).toHaveBeenCalledWith("the-session-key", "ci", "uid-ci");
    // Its ledger entry is marked revoked, for the audit and the revocation notice.
    expect(next.markDeleted).toHaveBeenCalledWith(
      {},
      expect.objectContaining({ principal: "user:alice" }),
      "ci",
    );
    expect(next.refresh).toHaveBeenCalled();
    expect(next.endCurrentSession).not.toHaveBeenCalled();
  });

  it("a key already gone says so and reloads the list", async () => {
    platform.remove.mockRejectedValue(new ManagementError("not found", 404, "NotFound"));
    const result = await deleteKey(session, { name: "ci", submissionId: SUBMISSION });
    expect(!result.ok && result.error).toContain("already deleted");
    expect(next.refresh).toHaveBeenCalled();
  });

  it("a refusal quotes the platform", async () => {
    platform.remove.mockRejectedValue(new ManagementError("scope forbids it", 403, "Forbidden"));
    const result = await deleteKey(session, { name: "ci", submissionId: SUBMISSION });
    expect(!result.ok && result.error).toContain("did not let your key delete access key ci");
    expect(!result.ok && result.error).toContain("scope forbids it");
  });

  it("deleting the key you signed in with ends the session, even when it was already gone", async () => {
    expect(
      await redirectOf(deleteKey(session, { name: "signed-in", submissionId: SUBMISSION })),
    ).toMatch(/^\/sign-in/);
    platform.read.mockRejectedValue(new ManagementError("not found", 404, "NotFound"));
    expect(
      await redirectOf(deleteKey(session, { name: "signed-in", submissionId: SUBMISSION })),
    ).toMatch(/^\/sign-in/);
    expect(next.endCurrentSession).toHaveBeenCalledTimes(2);
  });

  it("a submission already sent is not sent again", async () => {
    next.claim.mockResolvedValueOnce({ refused: { ok: false, error: "already sent", code: 409 } });
    const result = await deleteKey(session, { name: "ci", submissionId: SUBMISSION });
    expect(result).toMatchObject({ ok: false, code: 409 });
    expect(platform.read).not.toHaveBeenCalled();
  });
});
