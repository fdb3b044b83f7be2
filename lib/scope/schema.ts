import * as z from "zod/mini";
import { API_VERSION, REQUEST_TARGETS, TOKEN_KIND } from "./constants";

/**
 * The one schema of a Direct Cluster Endpoint Token request: the dashboard form (zodResolver), the
 * issue-token server action and the local platform all validate with these. Objects are strict, so
 * an unknown field is an error that names it (kubectl sends fieldValidation=Strict).
 *
 * Written with `zod/mini` (the same engine as `zod`, with functional checks) because these schemas
 * ship to the browser with the inspector and, loaded after the page, the builder: it keeps them small.
 * Plain names and choices (API version, known roles, verbs) are in constants.ts, without zod.
 */

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_MESSAGE =
  "must be a lowercase DNS label: a–z, 0–9 and '-', starting and ending with a letter or digit, at most 63 characters";

const requiredString = () =>
  z.string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") });

export const dnsLabel = requiredString().check(
  z.minLength(1, "is required"),
  z.maxLength(63, "must be at most 63 characters"),
  z.regex(DNS_LABEL, DNS_LABEL_MESSAGE),
);

/** A DNS label or `*` (all). */
const nameOrAll = requiredString().check(
  z.minLength(1, "is required"),
  z.maxLength(63, "must be at most 63 characters"),
  z.refine(
    (v: string) => v === "*" || DNS_LABEL.test(v),
    `must be * or a ${DNS_LABEL_MESSAGE.replace("must be a ", "")}`,
  ),
);

const shortString = () =>
  z.string({ error: "must be a string" }).check(z.maxLength(253, "must be at most 253 characters"));
const nonEmpty = () => shortString().check(z.minLength(1, "must not be empty"));
const list = <T extends z.ZodMiniType>(item: T, max = 256) =>
  z
    .array(item, { error: "must be a list" })
    .check(z.maxLength(max, `must have at most ${max} entries`));

/** A Kubernetes object name (DNS subdomain) or `*`: cluster names. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const clusterNameOrAll = requiredString().check(
  z.minLength(1, "is required"),
  z.maxLength(253, "must be at most 253 characters"),
  z.refine(
    (v: string) => v === "*" || DNS_SUBDOMAIN.test(v),
    "must be * or a lowercase name: a–z, 0–9, '-' and '.', starting and ending with a letter or digit",
  ),
);

export const roleName = requiredString().check(
  z.minLength(1, "is required"),
  z.maxLength(63, "must be at most 63 characters"),
  z.regex(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, "must be a role name such as loft-cli"),
);

export const AccessKeyScopeRole = z.strictObject({
  role: roleName,
  projects: z.optional(list(nameOrAll)),
  virtualClusters: z.optional(list(nonEmpty())),
});
export const AccessKeyScopeCluster = z.strictObject({ cluster: clusterNameOrAll });
export const AccessKeyScopeProject = z.strictObject({ project: nameOrAll });
export const AccessKeyScopeSpace = z.strictObject({ project: dnsLabel, space: nameOrAll });
export const AccessKeyScopeVirtualCluster = z.strictObject({
  project: dnsLabel,
  virtualCluster: nameOrAll,
});

export const GroupResources = z
  .strictObject({
    group: z.optional(shortString()),
    resources: z.optional(list(nonEmpty())),
    resourceNames: z.optional(list(nonEmpty())),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (value.resourceNames?.length && !value.resources?.length) {
        ctx.addIssue({
          code: "custom",
          path: ["resourceNames"],
          message: "may only be set together with resources",
        });
      }
    }),
  );

/** `*` is allowed in a non-resource URL only as the full, final step (`/healthz*`, `/apis/*`, `*`). */
const nonResourceURL = nonEmpty().check(
  z.superRefine((value: string, ctx) => {
    if (value !== "*" && !value.startsWith("/")) {
      ctx.addIssue({ code: "custom", message: "must start with / (or be *)" });
    }
    const star = value.indexOf("*");
    if (star !== -1 && star !== value.length - 1) {
      ctx.addIssue({
        code: "custom",
        message: "may contain * only as the full, final step of the path",
      });
    }
  }),
);

export const AccessKeyScopeRule = z.strictObject({
  verbs: z.optional(list(nonEmpty())),
  resources: z.optional(list(GroupResources)),
  namespaces: z.optional(list(shortString())),
  nonResourceURLs: z.optional(list(nonResourceURL)),
  requestTargets: z.optional(
    list(z.enum(REQUEST_TARGETS, { error: `must be one of ${REQUEST_TARGETS.join(", ")}` })),
  ),
  cluster: z.optional(shortString()),
  virtualClusters: z.optional(
    list(z.strictObject({ name: z.optional(shortString()), namespace: z.optional(shortString()) })),
  ),
});

/**
 * The complete, current AccessKeyScope (platform API v4.x). `rules` is deprecated ("use projects,
 * spaces and virtual clusters"), `allowLoftCli` is deprecated in favour of the `loft-cli` role.
 * Strict: writing a scope with an unknown field is an error. Reading one from a token, a session or a
 * pasted manifest goes through `readScope` (read.ts), which tolerates fields from newer platforms.
 */
export const AccessKeyScope = z.strictObject({
  roles: z.optional(list(AccessKeyScopeRole, 64)),
  projects: z.optional(list(AccessKeyScopeProject)),
  spaces: z.optional(list(AccessKeyScopeSpace)),
  virtualClusters: z.optional(list(AccessKeyScopeVirtualCluster)),
  clusters: z.optional(list(AccessKeyScopeCluster)),
  rules: z.optional(list(AccessKeyScopeRule, 64)),
  allowLoftCli: z.optional(z.boolean({ error: "must be true or false" })),
});

/** Time to live in seconds: a positive whole number. The platform applies its own maximum. */
export const ttlSeconds = z.number({ error: "must be a number of seconds" }).check(
  z.refine((n: number) => Number.isInteger(n), "must be a whole number of seconds"),
  z.positive("must be greater than 0"),
  z.maximum(Number.MAX_SAFE_INTEGER, "is too large"),
);

export const DirectClusterEndpointTokenSpec = z.strictObject({
  ttl: z.optional(ttlSeconds),
  scope: z.optional(AccessKeyScope),
});

const labelMap = z.record(
  shortString(),
  z.string().check(z.maxLength(4096, "must be at most 4096 characters")),
);

export const CreateObjectMeta = z.strictObject({
  name: z.optional(dnsLabel),
  generateName: z.optional(
    z
      .string()
      .check(
        z.maxLength(58, "must be at most 58 characters"),
        z.regex(/^[a-z0-9]([-a-z0-9]*)?$/, "must be a lowercase DNS label prefix"),
      ),
  ),
  namespace: z.optional(z.string().check(z.maxLength(63))),
  labels: z.optional(labelMap),
  annotations: z.optional(labelMap),
  // kubectl and the reference's object.yaml send `creationTimestamp: null`.
  creationTimestamp: z.optional(z.null()),
});

/** The body of `POST …/directclusterendpointtokens` (kubectl's object.yaml, curl, the dashboard). */
export const DirectClusterEndpointTokenCreate = z.strictObject({
  apiVersion: z.literal(API_VERSION, { error: `must be ${API_VERSION}` }),
  kind: z.literal(TOKEN_KIND, { error: `must be ${TOKEN_KIND}` }),
  metadata: z.optional(CreateObjectMeta),
  spec: z.optional(DirectClusterEndpointTokenSpec),
  // The reference's object.yaml carries a status; it is ignored on create.
  status: z.optional(z.record(z.string(), z.unknown())),
});

export type AccessKeyScope = z.infer<typeof AccessKeyScope>;
export type AccessKeyScopeRule = z.infer<typeof AccessKeyScopeRule>;
export type AccessKeyScopeRole = z.infer<typeof AccessKeyScopeRole>;
export type AccessKeyScopeCluster = z.infer<typeof AccessKeyScopeCluster>;
export type GroupResources = z.infer<typeof GroupResources>;
export type DirectClusterEndpointTokenSpec = z.infer<typeof DirectClusterEndpointTokenSpec>;
export type DirectClusterEndpointTokenCreate = z.infer<typeof DirectClusterEndpointTokenCreate>;

/** True for a scope that names nothing at all (it allows nothing); false for `undefined`. */
export function isEmptyScope(scope: AccessKeyScope | undefined): boolean {
  if (!scope) return false;
  return (
    !scope.allowLoftCli &&
    !scope.roles?.length &&
    !scope.projects?.length &&
    !scope.spaces?.length &&
    !scope.virtualClusters?.length &&
    !scope.clusters?.length &&
    !scope.rules?.length
  );
}
