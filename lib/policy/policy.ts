import * as z from "zod/mini";
import type { Credential } from "@/lib/scope/constants";
import { dnsLabel, roleName, ttlSeconds } from "@/lib/scope/schema";

/**
 * The console's issuance policy: what console admins allow a credential issued through the console to
 * be. One document, edited on the admin Policy page and kept in the console store with every change
 * (lib/policy/store.ts); one evaluator (evaluate.ts) applies it in the builder, the issue actions and
 * `POST /api/policy/check`. Lifetimes are seconds; null means no limit. Objects drop keys they do
 * not know, so a replica still on an older release applies the rules it knows of a newer document.
 */
const list = <T extends z.ZodMiniType>(item: T, max: number) =>
  z.array(item, { error: "must be a list" }).check(z.maxLength(max, `at most ${max} entries`));

export const ProjectLifetime = z.object({ project: dnsLabel, maxTtl: ttlSeconds });

export const IssuancePolicy = z.object({
  /** Longest lifetime per credential kind. */
  maxTtl: z.object({
    token: z.nullable(ttlSeconds),
    accessKey: z.nullable(ttlSeconds),
  }),
  /** Longest lifetime of a credential whose scope reaches the project (by name or `*`). */
  projectMaxTtl: list(ProjectLifetime, 256),
  requireNote: z.boolean({ error: "must be true or false" }),
  /** A credential must carry a scope. */
  forbidUnrestricted: z.boolean({ error: "must be true or false" }),
  /** No `*` in projects, spaces, virtual clusters or clusters (roles' projects included). */
  forbidWildcards: z.boolean({ error: "must be true or false" }),
  /** Roles a scope may name; null = any. */
  allowedRoles: z.nullable(list(roleName, 64)),
});

export type IssuancePolicy = z.infer<typeof IssuancePolicy>;
export type ProjectLifetime = z.infer<typeof ProjectLifetime>;

/** The policy before any admin saved one: nothing beyond what the platform itself enforces. */
export const OPEN_POLICY: IssuancePolicy = {
  maxTtl: { token: null, accessKey: null },
  projectMaxTtl: [],
  requireNote: false,
  forbidUnrestricted: false,
  forbidWildcards: false,
  allowedRoles: null,
};

/** What the policy judges: a request for a token or an access key, or a ledger entry of one. */
export interface PolicySubject {
  credential: Credential;
  /** No scope, chosen on purpose (or an issued credential that carries none). */
  unrestricted: boolean;
  /** Seconds the credential lives; undefined = a key that never expires, or a token left to the platform's default. */
  ttl?: number;
  /** Read leniently: a ledger entry or a pasted manifest may hold more than the console writes. */
  scope?: unknown;
  note?: string | null;
}
