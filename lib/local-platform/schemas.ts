import { z } from "zod";
import {
  AccessKeyScope,
  API_VERSION,
  CreateObjectMeta,
  dnsLabel,
  ttlSeconds,
} from "@/lib/scope/schema";

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

export const ProjectMember = z.strictObject({
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

export const PHASES = ["Ready", "Pending", "Sleeping", "Failed"] as const;

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

export const UserCreate = envelope(
  "User",
  z.strictObject({
    username: text(253).optional(),
    displayName: text(253).optional(),
    email: text(253).optional(),
    subject: text(253).optional(),
    clusterRoles: z
      .array(z.strictObject({ name: dnsLabel }))
      .max(16)
      .optional(),
  }),
);

export const OwnedAccessKeyCreate = envelope(
  "OwnedAccessKey",
  z.strictObject({
    user: z.optional(dnsLabel),
    displayName: text(253).optional(),
    description: text(4096).optional(),
    ttl: z.optional(ttlSeconds),
    scope: z.optional(AccessKeyScope),
  }),
);

/** `POST selves`: `{}` or a Self envelope; nothing in it is used. */
export const SelfCreate = z.strictObject({
  apiVersion: z.literal(API_VERSION).optional(),
  kind: z.literal("Self").optional(),
  metadata: z.optional(CreateObjectMeta),
  spec: z.record(z.string(), z.unknown()).optional(),
  status: optionalStatus,
});
