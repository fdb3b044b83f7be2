import * as z from "zod/mini";
import { CreateAccessKeyRequest } from "@/lib/scope/access-key-request";
import { CREDENTIALS } from "@/lib/scope/constants";
import { formFieldOf } from "@/lib/scope/form-fields";
import {
  accessKeyRequestOf,
  parseDuration,
  requestOf,
  type TokenFormValues,
} from "@/lib/scope/form";
import { IssueTokenRequest } from "@/lib/scope/request";

/*
 * The scope builder's schema of its values (form.ts, which this module builds on and which never
 * imports it back). It brings zod and the request schemas with it, so the builder loads it after the
 * page (components/scope-builder/deferred.ts). Measured: merging it into form.ts puts zod into
 * /tokens/new's first load, 189.8 → 212.0 KiB gzip, above the 1.5× budget (~198 KiB).
 */

/** A value the form holds as it is; what makes it valid is said by IssueTokenRequest. */
const held = <T>() => z.custom<T>();

/** Problems with how the TTL was typed, which only the form knows; its value is the request's. */
function ttlInputIssues(v: TokenFormValues, now: number) {
  if (v.ttlMode === "duration") {
    if (!v.ttlDuration.trim())
      return { path: ["ttlDuration"], message: "Enter a duration such as 12h, 3d or 90m" };
    if (parseDuration(v.ttlDuration) === null)
      return {
        path: ["ttlDuration"],
        message: "Use numbers with s, m, h, d or w, such as 12h, 3d 4h or 90m",
      };
  }
  if (v.ttlMode === "expiry") {
    const at = Date.parse(v.ttlExpiry);
    if (!v.ttlExpiry)
      return { path: ["ttlExpiry"], message: "Choose the date and time the token should expire" };
    if (Number.isNaN(at)) return { path: ["ttlExpiry"], message: "Not a valid date and time" };
    if (at <= now + 60_000)
      return { path: ["ttlExpiry"], message: "Must be at least a minute in the future" };
  }
  return undefined;
}

/**
 * The form validates the request it stands for with the schema its action parses — `requestOf` with
 * IssueTokenRequest for a token, `accessKeyRequestOf` with CreateAccessKeyRequest for an access key —
 * and shows each problem at the field `formFieldOf` names, as the actions' `fieldErrors` do. Only how
 * the TTL was typed is checked here. Scope lists left behind while an unrestricted credential is
 * chosen are not sent, so they are not checked; nor are an access key's fields while a token is.
 */
export const TokenForm = z
  .object({
    credential: z.enum(CREDENTIALS),
    displayName: z.string(),
    description: z.string(),
    ttlAfterLastActivity: z.boolean(),
    access: z.enum(["scoped", "unrestricted"]),
    roles: held<TokenFormValues["roles"]>(),
    projects: held<TokenFormValues["projects"]>(),
    spaces: held<TokenFormValues["spaces"]>(),
    virtualClusters: held<TokenFormValues["virtualClusters"]>(),
    clusters: held<TokenFormValues["clusters"]>(),
    allowLoftCli: z.boolean(),
    rules: held<TokenFormValues["rules"]>(),
    note: z.string(),
    /** "none": an access key without expiry (offered only for access keys). */
    ttlMode: z.enum(["preset", "duration", "expiry", "none"]),
    ttlPreset: z.number(),
    ttlDuration: z.string(),
    ttlExpiry: z.string(),
  })
  .check(
    z.superRefine((v, ctx) => {
      const now = Date.now();
      const input = ttlInputIssues(v, now);
      if (input) ctx.addIssue({ code: "custom", ...input });
      const parsed =
        v.credential === "accesskey"
          ? z.safeParse(CreateAccessKeyRequest, accessKeyRequestOf(v, now))
          : z.safeParse(IssueTokenRequest, requestOf(v, now));
      for (const issue of parsed.error?.issues ?? []) {
        ctx.addIssue({
          code: "custom",
          path: formFieldOf(issue.path).split("."),
          message: issue.message,
        });
      }
    }),
  );

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends [true, true]> = T;
/** Compiles only while TokenForm parses exactly the values form.ts declares (`TokenFormValues`). */
type _TokenFormParsesItsValues = Holds<
  [
    Same<z.input<typeof TokenForm>, TokenFormValues>,
    Same<z.infer<typeof TokenForm>, TokenFormValues>,
  ]
>;
