import { z } from "zod";

/**
 * The one schema of a Direct Cluster Endpoint Token request: the dashboard form (zodResolver), the
 * issue-token server action and the local platform all validate with these. Objects are strict, so
 * an unknown field is an error that names it (kubectl sends fieldValidation=Strict).
 */

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_MESSAGE =
  "must be a lowercase DNS label: a–z, 0–9 and '-', starting and ending with a letter or digit, at most 63 characters";

export const dnsLabel = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .min(1, "is required")
  .max(63, "must be at most 63 characters")
  .regex(DNS_LABEL, DNS_LABEL_MESSAGE);

/** A DNS label or `*` (all). */
export const nameOrAll = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .min(1, "is required")
  .max(63, "must be at most 63 characters")
  .refine(
    (v) => v === "*" || DNS_LABEL.test(v),
    `must be * or a ${DNS_LABEL_MESSAGE.replace("must be a ", "")}`,
  );

const shortString = z
  .string({ error: "must be a string" })
  .max(253, "must be at most 253 characters");
const list = <T extends z.ZodType>(item: T, max = 256) =>
  z.array(item, { error: "must be a list" }).max(max, `must have at most ${max} entries`);

/** The Kubernetes verbs people pick most; any other verb may still be typed. */
export const COMMON_VERBS = [
  "get",
  "list",
  "watch",
  "create",
  "update",
  "patch",
  "delete",
  "deletecollection",
] as const;

export const REQUEST_TARGETS = [
  "Management",
  "Cluster",
  "ProjectSpace",
  "ProjectVirtualCluster",
] as const;
export type RequestTarget = (typeof REQUEST_TARGETS)[number];

export const AccessKeyScopeProject = z.strictObject({ project: nameOrAll });
export const AccessKeyScopeSpace = z.strictObject({ project: dnsLabel, space: nameOrAll });
export const AccessKeyScopeVirtualCluster = z.strictObject({
  project: dnsLabel,
  virtualCluster: nameOrAll,
});

export const GroupResources = z
  .strictObject({
    group: shortString.optional(),
    resources: list(shortString.min(1, "must not be empty")).optional(),
    resourceNames: list(shortString.min(1, "must not be empty")).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.resourceNames?.length && !value.resources?.length) {
      ctx.addIssue({
        code: "custom",
        path: ["resourceNames"],
        message: "may only be set together with resources",
      });
    }
  });

/** `*` is allowed in a non-resource URL only as the full, final step (`/healthz*`, `/apis/*`, `*`). */
export const nonResourceURL = shortString.min(1, "must not be empty").superRefine((value, ctx) => {
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
});

export const AccessKeyScopeRule = z.strictObject({
  verbs: list(shortString.min(1, "must not be empty")).optional(),
  resources: list(GroupResources).optional(),
  namespaces: list(shortString).optional(),
  nonResourceURLs: list(nonResourceURL).optional(),
  requestTargets: list(
    z.enum(REQUEST_TARGETS, { error: `must be one of ${REQUEST_TARGETS.join(", ")}` }),
  ).optional(),
  cluster: shortString.optional(),
  virtualClusters: list(
    z.strictObject({ name: shortString.optional(), namespace: shortString.optional() }),
  ).optional(),
});

export const AccessKeyScope = z.strictObject({
  allowLoftCli: z.boolean({ error: "must be true or false" }).optional(),
  projects: list(AccessKeyScopeProject).optional(),
  spaces: list(AccessKeyScopeSpace).optional(),
  virtualClusters: list(AccessKeyScopeVirtualCluster).optional(),
  rules: list(AccessKeyScopeRule, 64).optional(),
});

/** Time to live in seconds: a positive whole number. The platform applies its own maximum. */
export const ttlSeconds = z
  .number({ error: "must be a number of seconds" })
  .int("must be a whole number of seconds")
  .positive("must be greater than 0")
  .max(Number.MAX_SAFE_INTEGER, "is too large");

export const DirectClusterEndpointTokenSpec = z.strictObject({
  ttl: ttlSeconds.optional(),
  scope: AccessKeyScope.optional(),
});

export const API_VERSION = "management.loft.sh/v1";
export const TOKEN_KIND = "DirectClusterEndpointToken";

const labelMap = z.record(shortString, z.string().max(4096, "must be at most 4096 characters"));

export const CreateObjectMeta = z.strictObject({
  name: dnsLabel.optional(),
  generateName: z
    .string()
    .max(58, "must be at most 58 characters")
    .regex(/^[a-z0-9]([-a-z0-9]*)?$/, "must be a lowercase DNS label prefix")
    .optional(),
  namespace: z.string().max(63).optional(),
  labels: labelMap.optional(),
  annotations: labelMap.optional(),
  // kubectl and the reference's object.yaml send `creationTimestamp: null`.
  creationTimestamp: z.null().optional(),
});

/** The body of `POST …/directclusterendpointtokens` (kubectl's object.yaml, curl, the dashboard). */
export const DirectClusterEndpointTokenCreate = z.strictObject({
  apiVersion: z.literal(API_VERSION, { error: `must be ${API_VERSION}` }),
  kind: z.literal(TOKEN_KIND, { error: `must be ${TOKEN_KIND}` }),
  metadata: CreateObjectMeta.optional(),
  spec: DirectClusterEndpointTokenSpec.optional(),
  // The reference's object.yaml carries a status; it is ignored on create.
  status: z.record(z.string(), z.unknown()).optional(),
});

export type AccessKeyScope = z.infer<typeof AccessKeyScope>;
export type AccessKeyScopeRule = z.infer<typeof AccessKeyScopeRule>;
export type GroupResources = z.infer<typeof GroupResources>;
export type DirectClusterEndpointTokenSpec = z.infer<typeof DirectClusterEndpointTokenSpec>;
export type DirectClusterEndpointTokenCreate = z.infer<typeof DirectClusterEndpointTokenCreate>;
