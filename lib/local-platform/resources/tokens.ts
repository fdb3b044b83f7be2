import crypto from "node:crypto";
import type { StatusCause } from "@/lib/scope/causes";
import { DirectClusterEndpointTokenCreate, type AccessKeyScope } from "@/lib/scope/schema";
import { API_VERSION, TOKEN_KIND } from "@/lib/scope/constants";
import { subjectText } from "../auth";
import { isMember } from "../roles";
import { escalationCauses, escalationForbidden } from "../key-scope";
import { forbidden, invalid } from "../status";
import { readCreate } from "./create";
import { isDryRun } from "./write";
import type { Ctx, Resource } from "./types";
import { tokenGenerationOf } from "./users";
import { rfc3339 } from "../time";

/** `aud` of issued tokens, as in the platform's own tokens. */
export const TOKEN_AUDIENCE = "https://kubernetes.default";

/**
 * A UUIDv7 (RFC 9562): the time `ms` first, then 74 random bits (of a version 4 UUID, whose variant
 * bits v7 shares). A token's `jti`: ids in issue order make each audit row an append to the end of
 * `token_audit`'s primary key, where random ids dirtied a page of their own per row.
 */
export function uuidV7(ms: number): string {
  const random = crypto.randomUUID();
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0").slice(-12);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

/** Projects a scope names, with the field that names them (`*` excluded). */
function namedProjects(scope: AccessKeyScope) {
  const named: Array<{ project: string; field: string }> = [];
  scope.projects?.forEach((p, i) =>
    named.push({ project: p.project, field: `spec.scope.projects[${i}].project` }),
  );
  scope.spaces?.forEach((s, i) =>
    named.push({ project: s.project, field: `spec.scope.spaces[${i}].project` }),
  );
  scope.virtualClusters?.forEach((v, i) =>
    named.push({ project: v.project, field: `spec.scope.virtualClusters[${i}].project` }),
  );
  return named.filter((n) => n.project !== "*");
}

/**
 * A non-admin user or team may only issue tokens for projects it is a member of (`*` = all of its
 * projects), by owner id: team `ops` and user `ops` are different members.
 */
function authorizeScope(ctx: Ctx, scope: AccessKeyScope | undefined) {
  const { principal } = ctx;
  if (principal.admin || !scope) return;
  for (const { project, field } of namedProjects(scope)) {
    if (!isMember(ctx.platform.store, principal.owner, project)) {
      throw forbidden(
        "directclusterendpointtokens",
        undefined,
        `${subjectText(principal)} is not a member of project "${project}" (${field})`,
      );
    }
  }
}

export const directClusterEndpointTokens: Resource = {
  plural: "directclusterendpointtokens",
  singular: "directclusterendpointtoken",
  kind: TOKEN_KIND,
  namespaced: false,
  verbs: ["create"],
  schema: DirectClusterEndpointTokenCreate,
  createChecksEscalation: true,

  async create(ctx) {
    const { data, name, meta } = await readCreate(ctx, this, DirectClusterEndpointTokenCreate, {
      nameRequired: false,
    });
    const { config, signer, origin } = ctx.platform;
    const ttl = data.spec?.ttl ?? config.TOKEN_DEFAULT_TTL;
    if (ttl > config.TOKEN_MAX_TTL) {
      const cause: StatusCause = {
        field: "spec.ttl",
        reason: "FieldValueInvalid",
        message: `Invalid value: ${ttl}: must be at most ${config.TOKEN_MAX_TTL} seconds`,
      };
      throw invalid(TOKEN_KIND, this.plural, name, [cause]);
    }
    const scope = data.spec?.scope;
    authorizeScope(ctx, scope);

    const { principal } = ctx;
    const now = ctx.platform.clock();
    const iat = Math.floor(now / 1000);
    // A scoped key issues only tokens within its own scope and lifetime.
    const escalation = escalationCauses(
      principal,
      scope,
      (iat + ttl) * 1000,
      data.spec?.ttl === undefined
        ? `a token with the default time to live (${ttl} seconds)`
        : `a token living ${ttl} seconds`,
      now,
    );
    if (escalation.length) {
      throw escalationForbidden(principal, this.plural, name, "issue tokens", escalation);
    }

    // dryRun=All: validated and authorized, but nothing is signed or recorded.
    let token: string | undefined;
    if (!isDryRun(ctx)) {
      const jti = uuidV7(now);
      // loft-sh/api pkg/token PrivateClaims: every field omitempty, so a generation of 0 is absent.
      // `kind` is User or Team; a team has no token generation (reference §8), so never a `gen`.
      const loft: Record<string, unknown> = {
        uid: principal.object.metadata.uid,
        name: principal.name,
        kind: principal.kind,
      };
      const gen = principal.kind === "User" ? tokenGenerationOf(principal.object) : 0;
      if (gen > 0) loft.gen = gen;
      if (scope) loft.scope = scope;
      // Keys in alphabetical order, as Go marshals the platform's claims map.
      token = await signer.sign({
        aud: [TOKEN_AUDIENCE],
        exp: iat + ttl,
        iat,
        iss: origin,
        jti,
        "loft.sh": loft,
        nbf: iat,
        sub: principal.name,
      });
      await ctx.platform.audit.record({
        jti,
        // The owner id: `team:<name>` for a team's token, so it never reads as user <name>'s.
        user: principal.owner,
        scope: scope ?? null,
        iat,
        exp: iat + ttl,
        remoteAddress: ctx.req.socket.remoteAddress ?? "",
      });
    }

    const metadata: Record<string, unknown> = {
      creationTimestamp: rfc3339(iat * 1000),
    };
    if (name) metadata.name = name;
    if (meta.labels) metadata.labels = meta.labels;
    if (meta.annotations) metadata.annotations = meta.annotations;
    return {
      code: 201,
      body: {
        apiVersion: API_VERSION,
        kind: TOKEN_KIND,
        metadata,
        spec: { ...data.spec, ttl },
        status: token === undefined ? {} : { token },
      },
    };
  },
};
