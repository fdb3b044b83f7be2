import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { AccessKeyScope, CreateObjectMeta, dnsLabel, ttlSeconds } from "@/lib/scope/schema";
import { API_VERSION } from "@/lib/scope/constants";

// zod/mini loads no locale of its own: without English, an issue its schema gives no message for
// (an object sent as a string, more than 16 cluster roles) would read only "Invalid input" in the
// 422 causes. Set process-wide, as lib/config.ts also does.
z.config(en());

/**
 * Create bodies of the platform's own resources. Strict like the token request (kubectl sends
 * fieldValidation=Strict): an unknown field is a 422 naming it.
 */
const text = (max: number) =>
  z
    .string({ error: "must be a string" })
    .check(z.maxLength(max, `must be at most ${max} characters`));
const optionalStatus = z.optional(z.record(z.string(), z.unknown()));
const flag = z.boolean({ error: "must be true or false" });
/** A list of at most 1000 entries. */
const upTo1000 = <T extends z.ZodMiniType>(item: T) =>
  z.array(item).check(z.maxLength(1000, "must have at most 1000 entries"));
/** `spec.owner`: a user or a team. */
const owner = z.strictObject({ user: z.optional(dnsLabel), team: z.optional(dnsLabel) });

const envelope = <
  K extends string,
  S extends z.ZodMiniType,
  T extends z.ZodMiniType = typeof optionalStatus,
>(
  kind: K,
  spec: S,
  status?: T,
) =>
  z.strictObject({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal(kind),
    metadata: z.optional(CreateObjectMeta),
    spec: z.optional(spec),
    status: (status ?? optionalStatus) as T,
  });

const ProjectMember = z.strictObject({
  kind: z.enum(["User", "Team"], { error: "must be User or Team" }),
  name: dnsLabel,
  clusterRole: z.optional(text(253)),
});

export const ProjectCreate = envelope(
  "Project",
  z.strictObject({
    displayName: z.optional(text(253)),
    description: z.optional(text(4096)),
    members: z.optional(upTo1000(ProjectMember)),
  }),
);

const PHASES = ["Ready", "Pending", "Sleeping", "Failed"] as const;

const instanceSpec = z.strictObject({
  displayName: z.optional(text(253)),
  description: z.optional(text(4096)),
  clusterRef: z.optional(
    z.strictObject({
      cluster: dnsLabel,
      namespace: z.optional(dnsLabel),
      virtualCluster: z.optional(dnsLabel),
    }),
  ),
  owner: z.optional(owner),
});
const instanceStatus = z.optional(
  z.object({
    phase: z.optional(z.enum(PHASES, { error: `must be one of ${PHASES.join(", ")}` })),
  }),
);

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
    displayName: z.optional(text(253)),
    description: z.optional(text(4096)),
    owner: z.optional(owner),
    local: z.optional(flag),
    unusable: z.optional(flag),
  }),
);

export const ADMIN_CLUSTER_ROLE = "loft-management-admin";

/**
 * The local platform keeps `tokenGeneration` as a JSON number, so its largest value is 2^53 − 1
 * (below int64's 2^63 − 1); anything above, int64 overflow included, is 422.
 */
const MAX_GENERATION_MESSAGE = `must be at most ${Number.MAX_SAFE_INTEGER} (2^53 − 1, the largest whole number a JSON number holds exactly)`;

/** `tokenGeneration`: a whole number from 0 to 2^53 − 1. */
const tokenGeneration = z.number({ error: "must be a whole number" }).check(
  z.minimum(0, "must be greater than or equal to 0"),
  // First, and the only complaint about a value too large (int's own safe-range check is skipped).
  z.maximum(Number.MAX_SAFE_INTEGER, { error: MAX_GENERATION_MESSAGE, abort: true }),
  z.int("must be a whole number"),
);

/**
 * storage/v1 UserSpec, the fields the local platform keeps. `tokenGeneration` (int64; absent = 0)
 * "can be used to invalidate all user tokens": issued tokens carry it as `loft.sh.gen`, and one
 * below the user's current value is refused (see direct/token.ts).
 */
const UserSpec = z.strictObject({
  username: z.optional(text(253)),
  displayName: z.optional(text(253)),
  email: z.optional(text(253)),
  subject: z.optional(text(253)),
  clusterRoles: z.optional(z.array(z.strictObject({ name: dnsLabel })).check(z.maxLength(16))),
  tokenGeneration: z.optional(tokenGeneration),
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
  uid: z.optional(text(63)),
  resourceVersion: z.optional(text(63)),
  generation: z.optional(z.number({ error: "must be a number" })),
  creationTimestamp: z.optional(z.nullable(z.string({ error: "must be a string" }))),
});

/** A whole User, as `PUT users/<name>` takes it (and as a merge patch must leave it). */
export const UserUpdate = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("User"),
  metadata: z.optional(UpdateObjectMeta),
  spec: z.optional(UserSpec),
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
    displayName: z.optional(text(253)),
    description: z.optional(text(4096)),
    users: z.optional(upTo1000(dnsLabel)),
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

/**
 * storage/v1 AccessKeySpec, the fields the local platform keeps. The owner is `user` or `team`,
 * never both; neither = the caller. `ttl` counts from creation, or with `ttlAfterLastActivity`
 * from the last recorded use; `disabled` keeps the key but refuses it (401); `type` is stored as
 * sent (absent when omitted) and changes nothing here.
 */
const accessKeyFields = {
  user: z.optional(dnsLabel),
  team: z.optional(dnsLabel),
  displayName: z.optional(text(253)),
  description: z.optional(text(4096)),
  ttl: z.optional(ttlSeconds),
  ttlAfterLastActivity: z.optional(flag),
  scope: z.optional(AccessKeyScope),
  type: z.optional(
    z.enum(ACCESS_KEY_TYPES, {
      error: `must be one of ${ACCESS_KEY_TYPES.slice(1).join(", ")} or ""`,
    }),
  ),
  disabled: z.optional(flag),
};

/** A key belongs to one user or one team: `spec.team` beside `spec.user` is refused. */
const oneOwner = z.superRefine((spec: { user?: string; team?: string }, ctx) => {
  if (spec.user !== undefined && spec.team !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["team"],
      message: "may not be set together with spec.user: a key belongs to one user or one team",
    });
  }
});

/** A create body; the secret (`spec.key`) is always generated by the platform. */
export const OwnedAccessKeyCreate = envelope(
  "OwnedAccessKey",
  z.strictObject(accessKeyFields).check(oneOwner),
);

/**
 * A whole OwnedAccessKey, as `PUT ownedaccesskeys/<name>` takes it (and as a merge patch must leave
 * it). `spec.key` is accepted only to be refused by name (the secret never changes); which fields
 * may change at all is decided by the handler (resources/access-keys.ts).
 */
export const OwnedAccessKeyUpdate = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("OwnedAccessKey"),
  metadata: z.optional(UpdateObjectMeta),
  spec: z.optional(
    z
      .strictObject({
        ...accessKeyFields,
        key: z.optional(z.string({ error: "must be a string" })),
      })
      .check(oneOwner),
  ),
  // Set by the server only (status.lastActivity); what a client sends is ignored.
  status: optionalStatus,
});

/** `POST selves`: `{}` or a Self envelope; nothing in it is used. */
export const SelfCreate = z.strictObject({
  apiVersion: z.optional(z.literal(API_VERSION)),
  kind: z.optional(z.literal("Self")),
  metadata: z.optional(CreateObjectMeta),
  spec: z.optional(z.record(z.string(), z.unknown())),
  status: optionalStatus,
});
