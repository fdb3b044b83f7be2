import * as z from "zod";
import { AccessKeyScope, CreateObjectMeta, dnsLabel, ttlSeconds } from "@/lib/scope/schema";
import { API_VERSION } from "@/lib/scope/constants";

/**
 * Create bodies of the platform's own resources. Strict like the token request (kubectl sends
 * fieldValidation=Strict): an unknown field is a 422 naming it.
 */
const text = (max: number) =>
  z.string({ error: "must be a string" }).max(max, `must be at most ${max} characters`);
const optionalStatus = z.record(z.string(), z.unknown()).optional();

const envelope = <
  K extends string,
  S extends z.ZodType,
  T extends z.ZodType = typeof optionalStatus,
>(
  kind: K,
  spec: S,
  status?: T,
) =>
  z.strictObject({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal(kind),
    metadata: z.optional(CreateObjectMeta),
    spec: spec.optional(),
    status: (status ?? optionalStatus) as T,
  });

const ProjectMember = z.strictObject({
  kind: z.enum(["User", "Team"], { error: "must be User or Team" }),
  name: dnsLabel,
  clusterRole: text(253).optional(),
});

export const ProjectCreate = envelope(
  "Project",
  z.strictObject({
    displayName: text(253).optional(),
    description: text(4096).optional(),
    members: z.array(ProjectMember).max(1000, "must have at most 1000 entries").optional(),
  }),
);

const PHASES = ["Ready", "Pending", "Sleeping", "Failed"] as const;

const instanceSpec = z.strictObject({
  displayName: text(253).optional(),
  description: text(4096).optional(),
  clusterRef: z
    .strictObject({
      cluster: dnsLabel,
      namespace: z.optional(dnsLabel),
      virtualCluster: z.optional(dnsLabel),
    })
    .optional(),
  owner: z.strictObject({ user: z.optional(dnsLabel), team: z.optional(dnsLabel) }).optional(),
});
const instanceStatus = z
  .object({ phase: z.enum(PHASES, { error: `must be one of ${PHASES.join(", ")}` }).optional() })
  .optional();

export const SpaceInstanceCreate = envelope("SpaceInstance", instanceSpec, instanceStatus);
export const VirtualClusterInstanceCreate = envelope(
  "VirtualClusterInstance",
  instanceSpec,
  instanceStatus,
);

/** A connected cluster (storage/v1 ClusterSpec, the fields the console shows). */
export const ClusterCreate = envelope(
  "Cluster",
  z.strictObject({
    displayName: text(253).optional(),
    description: text(4096).optional(),
    owner: z.strictObject({ user: z.optional(dnsLabel), team: z.optional(dnsLabel) }).optional(),
    local: z.boolean({ error: "must be true or false" }).optional(),
    unusable: z.boolean({ error: "must be true or false" }).optional(),
  }),
);

export const ADMIN_CLUSTER_ROLE = "loft-management-admin";

/**
 * The local platform keeps `tokenGeneration` as a JSON number, so its largest value is 2^53 − 1
 * (below int64's 2^63 − 1); anything above, int64 overflow included, is 422.
 */
const MAX_GENERATION_MESSAGE = `must be at most ${Number.MAX_SAFE_INTEGER} (2^53 − 1, the largest whole number a JSON number holds exactly)`;

/**
 * storage/v1 UserSpec, the fields the local platform keeps. `tokenGeneration` (int64; absent = 0)
 * "can be used to invalidate all user tokens": issued tokens carry it as `loft.sh.gen`, and one
 * below the user's current value is refused (see direct/token.ts).
 */
const UserSpec = z.strictObject({
  username: text(253).optional(),
  displayName: text(253).optional(),
  email: text(253).optional(),
  subject: text(253).optional(),
  clusterRoles: z
    .array(z.strictObject({ name: dnsLabel }))
    .max(16)
    .optional(),
  tokenGeneration: z
    .number({ error: "must be a whole number" })
    .min(0, "must be greater than or equal to 0")
    // First, and the only complaint about a value too large (int's own safe-range check is skipped).
    .max(Number.MAX_SAFE_INTEGER, { error: MAX_GENERATION_MESSAGE, abort: true })
    .int("must be a whole number")
    .optional(),
});

export const UserCreate = envelope("User", UserSpec);

/**
 * Metadata of an object sent back in full (PUT, or the result of a PATCH): what GET returns. The
 * server-set fields are read only to check them (`uid`, `resourceVersion`: preconditions) or not
 * at all (`generation`, `creationTimestamp`), as on a Kubernetes API server.
 */
const UpdateObjectMeta = z.strictObject({
  name: CreateObjectMeta.shape.name,
  namespace: CreateObjectMeta.shape.namespace,
  labels: CreateObjectMeta.shape.labels,
  annotations: CreateObjectMeta.shape.annotations,
  uid: text(63).optional(),
  resourceVersion: text(63).optional(),
  generation: z.number({ error: "must be a number" }).optional(),
  creationTimestamp: z.string({ error: "must be a string" }).nullable().optional(),
});

/** A whole User, as `PUT users/<name>` takes it (and as a merge patch must leave it). */
export const UserUpdate = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("User"),
  metadata: UpdateObjectMeta.optional(),
  spec: UserSpec.optional(),
  // Set by the server only; what a client sends is ignored, as with a status subresource.
  status: optionalStatus,
});

/**
 * storage/v1 TeamSpec, the fields the local platform keeps. Teams have no `tokenGeneration`
 * (reference §8): their tokens cannot be revoked by one.
 */
export const TeamCreate = envelope(
  "Team",
  z.strictObject({
    displayName: text(253).optional(),
    description: text(4096).optional(),
    users: z.array(dnsLabel).max(1000, "must have at most 1000 entries").optional(),
  }),
);

/** storage/v1 AccessKeySpec `type` values (reference §3); `""` is Go's zero value. */
export const ACCESS_KEY_TYPES = [
  "",
  "Login",
  "User",
  "Other",
  "Reset",
  "OIDCRefreshToken",
  "NetworkPeer",
  "Workspace",
] as const;

const flag = z.boolean({ error: "must be true or false" });

/**
 * storage/v1 AccessKeySpec, the fields the local platform keeps. The owner is `user` or `team`,
 * never both; neither = the caller. `ttl` counts from creation, or with `ttlAfterLastActivity`
 * from the last recorded use; `disabled` keeps the key but refuses it (401); `type` is stored as
 * sent (absent when omitted) and changes nothing here.
 */
const accessKeyFields = {
  user: z.optional(dnsLabel),
  team: z.optional(dnsLabel),
  displayName: text(253).optional(),
  description: text(4096).optional(),
  ttl: z.optional(ttlSeconds),
  ttlAfterLastActivity: flag.optional(),
  scope: z.optional(AccessKeyScope),
  type: z
    .enum(ACCESS_KEY_TYPES, {
      error: `must be one of ${ACCESS_KEY_TYPES.slice(1).join(", ")} or ""`,
    })
    .optional(),
  disabled: flag.optional(),
};

const oneOwner = (spec: { user?: string; team?: string }, ctx: z.RefinementCtx) => {
  if (spec.user !== undefined && spec.team !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["team"],
      message: "may not be set together with spec.user: a key belongs to one user or one team",
    });
  }
};

/** A create body; the secret (`spec.key`) is always generated by the platform. */
export const OwnedAccessKeyCreate = envelope(
  "OwnedAccessKey",
  z.strictObject(accessKeyFields).superRefine(oneOwner),
);

/**
 * A whole OwnedAccessKey, as `PUT ownedaccesskeys/<name>` takes it (and as a merge patch must leave
 * it). `spec.key` is accepted only to be refused by name (the secret never changes); which fields
 * may change at all is decided by the handler (resources/access-keys.ts).
 */
export const OwnedAccessKeyUpdate = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("OwnedAccessKey"),
  metadata: UpdateObjectMeta.optional(),
  spec: z
    .strictObject({ ...accessKeyFields, key: z.string({ error: "must be a string" }).optional() })
    .superRefine(oneOwner)
    .optional(),
  // Set by the server only (status.lastActivity); what a client sends is ignored.
  status: optionalStatus,
});

/** `POST selves`: `{}` or a Self envelope; nothing in it is used. */
export const SelfCreate = z.strictObject({
  apiVersion: z.literal(API_VERSION).optional(),
  kind: z.literal("Self").optional(),
  metadata: z.optional(CreateObjectMeta),
  spec: z.record(z.string(), z.unknown()).optional(),
  status: optionalStatus,
});
