import * as z from "zod/mini";
import { DESCRIPTION_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH } from "@/lib/scope/constants";
import { LedgerNote, scopeRequestIssues } from "@/lib/scope/request";
import { AccessKeyScope, ttlSeconds } from "@/lib/scope/schema";

/**
 * What the dashboard asks the create-access-key action for: the `OwnedAccessKey` spec the user
 * controls, two explicit choices and the ledger note. The action parses it and the builder's form
 * validates by it (form-schema.ts), as for tokens (request.ts), whose scope rules it shares.
 *
 * - `unrestricted`: a key without a scope is chosen on purpose, never an empty scope left behind.
 * - `noExpiry`: a key without a `ttl` never expires (the platform takes `ttl` as optional), so that
 *   too is chosen on purpose: a lifetime typed incompletely is an error, never "no expiry".
 * - `ttlAfterLastActivity` counts the lifetime from the key's last use; without a `ttl` it means
 *   nothing, so it is refused rather than silently dropped.
 *
 * Owner, type and name are not the user's to choose: the action sets them from the session
 * (`ownedAccessKeyObject`, manifest.ts).
 */
export const AccessKeyRequestSpec = z.strictObject({
  displayName: z
    .string({
      error: (i) => (i.input === undefined ? "Enter a display name" : "must be a string"),
    })
    .check(
      z.trim(),
      z.minLength(1, "Enter a display name: it is how the key is listed on the platform"),
      z.maxLength(
        DISPLAY_NAME_MAX_LENGTH,
        `Keep the display name under ${DISPLAY_NAME_MAX_LENGTH} characters`,
      ),
    ),
  description: z.optional(
    z
      .string({ error: "must be a string" })
      .check(
        z.trim(),
        z.maxLength(
          DESCRIPTION_MAX_LENGTH,
          `Keep the description under ${DESCRIPTION_MAX_LENGTH} characters`,
        ),
      ),
  ),
  ttl: z.optional(ttlSeconds),
  ttlAfterLastActivity: z.optional(z.boolean({ error: "must be true or false" })),
  scope: z.optional(AccessKeyScope),
});

export const NO_TTL_MESSAGE = "Choose how long the key lives, or choose No expiry";
export const LAST_USE_WITHOUT_TTL_MESSAGE =
  "Counting the lifetime from the last use needs a time to live: choose one, or clear this box";

export const CreateAccessKeyRequest = z
  .object({
    unrestricted: z.boolean({ error: "must be true or false" }),
    noExpiry: z.boolean({ error: "must be true or false" }),
    spec: AccessKeyRequestSpec,
    note: LedgerNote,
  })
  .check(
    z.superRefine((value, ctx) => {
      for (const issue of scopeRequestIssues(value.unrestricted, value.spec.scope, "access key"))
        ctx.addIssue({ code: "custom", ...issue });
      const { ttl, ttlAfterLastActivity } = value.spec;
      if (value.noExpiry && ttl !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["spec", "ttl"],
          message: "A key without expiry carries no time to live",
        });
      if (!value.noExpiry && ttl === undefined)
        ctx.addIssue({ code: "custom", path: ["spec", "ttl"], message: NO_TTL_MESSAGE });
      if (ttlAfterLastActivity && ttl === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["spec", "ttlAfterLastActivity"],
          message: LAST_USE_WITHOUT_TTL_MESSAGE,
        });
    }),
  );

export type AccessKeyRequestSpec = z.infer<typeof AccessKeyRequestSpec>;
export type CreateAccessKeyRequest = z.infer<typeof CreateAccessKeyRequest>;
