import { describe, expect, it } from "vitest";
import { accessKeyFailure } from "@/lib/actions/access-key-failure";
import { errorFromResponse } from "@/lib/management/errors";

/** What the builder shows when the platform refuses `POST …/ownedaccesskeys`. */

const status = (code: number, reason: string, message: string, causes: unknown[] = []) =>
  errorFromResponse(
    code,
    JSON.stringify({
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      message,
      reason,
      code,
      details: { causes },
    }),
    "Creating the access key",
  );

describe("access key create failures", () => {
  it.each([
    [404, "NotFound", "the server could not find the requested resource"],
    [405, "MethodNotAllowed", "the server does not allow this method on the requested resource"],
  ])("%i %s: names the request and says the token path still works", (code, reason, message) => {
    const result = accessKeyFailure(status(code, reason, message));
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.error).toContain(
      "POST /apis/management.loft.sh/v1/ownedaccesskeys",
    );
    expect(!result.ok && result.error).toContain(`${code} ${reason}`);
    expect(!result.ok && result.error).toContain(
      "Issuing a Direct Cluster Endpoint Token still works",
    );
  });

  it("a 404 naming another object (the owner) is that error, not 'unsupported'", () => {
    const result = accessKeyFailure(
      status(404, "NotFound", 'users.management.loft.sh "bob" not found'),
    );
    expect(!result.ok && result.error).toBe('users.management.loft.sh "bob" not found');
  });

  it("the platform's maximum lifetime (422 at spec.ttl) is shown at Time to live, naming it", () => {
    const message =
      "Invalid value: 7200: must be at most 3600: the platform's maximum access key lifetime is 3600 seconds";
    const result = accessKeyFailure(
      status(
        422,
        "Invalid",
        `OwnedAccessKey.management.loft.sh "x" is invalid: spec.ttl: ${message}`,
        [{ field: "spec.ttl", reason: "FieldValueInvalid", message }],
      ),
    );
    expect(!result.ok && result.fieldErrors).toEqual({ ttlMode: message });
    // Said only in the message, it lands there too.
    const bare = accessKeyFailure(
      status(422, "Invalid", "spec.ttl: must be at most 3600 seconds (the maximum)"),
    );
    expect(!bare.ok && bare.fieldErrors?.ttlMode).toBe(
      "spec.ttl: must be at most 3600 seconds (the maximum)",
    );
  });

  it("a 403 beyond the signed-in key is shown as not allowed, its causes at the fields", () => {
    const result = accessKeyFailure(
      status(403, "Forbidden", 'access key "ci" may create access keys only within its own scope', [
        {
          field: "spec.scope.projects[0]",
          reason: "FieldValueForbidden",
          message: "Forbidden: project other is beyond this access key's scope",
        },
      ]),
    );
    expect(result).toMatchObject({
      ok: false,
      code: 403,
      error: 'Not allowed: access key "ci" may create access keys only within its own scope',
      fieldErrors: { "projects.0": "Forbidden: project other is beyond this access key's scope" },
    });
  });

  it("an expired session signs out", () => {
    expect(accessKeyFailure(status(401, "Unauthorized", "Unauthorized"))).toMatchObject({
      signedOut: true,
    });
  });
});
