import { describe, expect, it } from "vitest";
import { DeleteKeyInput, parseKeyInput, SetKeyDisabledInput } from "@/lib/access-keys/input";
import { keyChangeFailure, listFailureText, notYours } from "@/lib/access-keys/messages";

const failure = (code: number, message = "the platform's words", retryable = false) => ({
  code,
  message,
  retryable,
});

describe("keyChangeFailure", () => {
  it("401: the session is signed out", () => {
    expect(keyChangeFailure("disable", "ci", failure(401))).toMatchObject({
      ok: false,
      signedOut: true,
    });
  });

  it("403: the platform did not let your key …, with its message", () => {
    const result = keyChangeFailure("delete", "ci", failure(403, "ownedaccesskeys is forbidden"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain("The platform did not let your key delete access key ci");
    expect(result.error).toContain("ownedaccesskeys is forbidden");
  });

  it("404: already deleted; 409: changed meanwhile, reload", () => {
    const gone = keyChangeFailure("delete", "ci", failure(404));
    const changed = keyChangeFailure("enable", "ci", failure(409));
    expect(!gone.ok && gone.error).toContain("already deleted");
    expect(!changed.ok && changed.error).toMatch(/changed meanwhile.*Reload/);
    const goneWhileDisabling = keyChangeFailure("disable", "ci", failure(404));
    expect(!goneWhileDisabling.ok && goneWhileDisabling.error).toContain("already deleted");
  });

  it("a failure that may pass says the change may or may not have happened", () => {
    const result = keyChangeFailure("disable", "ci", failure(503, "could not reach", true));
    expect(result).toMatchObject({ ok: false, retryable: true, code: 503 });
    expect(!result.ok && result.error).toContain("may or may not have been applied");
  });

  it("anything else is the platform's refusal in its own words", () => {
    const result = keyChangeFailure("enable", "ci", failure(422, "spec.disabled: invalid"));
    expect(!result.ok && result.error).toBe(
      "The platform refused to enable access key ci: spec.disabled: invalid",
    );
  });

  it("another principal's key is left alone", () => {
    expect(notYours("bobs-key")).toMatchObject({ ok: false, code: 404 });
  });
});

describe("listFailureText", () => {
  it("explains a refused list by its code, with the platform's message", () => {
    expect(listFailureText(failure(403, "cannot list"))).toContain("cannot list");
    expect(listFailureText(failure(404, "not found"))).toContain("Older platforms");
    expect(listFailureText(failure(401))).toContain("Sign in again");
  });
});

describe("action input", () => {
  const id = "0123456789abcdef";

  it("accepts a DNS-1123 key name with a submission id", () => {
    expect(parseKeyInput(DeleteKeyInput, { name: "ci-deploy.v2", submissionId: id })).toEqual({
      ok: true,
      data: { name: "ci-deploy.v2", submissionId: id },
    });
    expect(
      parseKeyInput(SetKeyDisabledInput, { name: "k", disabled: true, submissionId: id }).ok,
    ).toBe(true);
  });

  it.each(["", "CI", "a/b", "../x", "-a", "a".repeat(254), "a b"])(
    "refuses the key name %j",
    (name) => {
      const parsed = parseKeyInput(DeleteKeyInput, { name, submissionId: id });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/access key/i);
    },
  );

  it("refuses malformed submissions and unknown fields", () => {
    for (const input of [
      { name: "k", submissionId: "short" },
      { name: "k", submissionId: id, extra: 1 },
      { name: "k", disabled: "yes", submissionId: id },
      null,
      "k",
    ])
      expect(parseKeyInput(SetKeyDisabledInput, input).ok).toBe(false);
  });
});
