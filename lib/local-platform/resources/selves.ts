import { validate } from "@/lib/scope/causes";
import { API_VERSION } from "@/lib/scope/constants";
import { readJson } from "../http";
import { SelfCreate } from "../schemas";
import { badRequest, invalid } from "../status";
import type { Resource } from "./types";

/** `POST selves`: who (a user or a team) the access key in use belongs to, and that key's scope. */
export const selves: Resource = {
  plural: "selves",
  singular: "self",
  kind: "Self",
  namespaced: false,
  verbs: ["create"],
  schema: SelfCreate,

  async create(ctx) {
    const body = await readJson(ctx.req);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw badRequest("the request body must be a JSON object");
    }
    const result = validate(SelfCreate, body);
    if (!result.ok) throw invalid("Self", "selves", "", result.causes);
    const { principal } = ctx;
    const spec = principal.object.spec as {
      username?: string;
      displayName?: string;
      email?: string;
      subject?: string;
    };
    // A team has no subject field: its name is its subject.
    const subject = (principal.kind === "User" ? spec.subject : undefined) ?? principal.name;
    // SelfStatus `user` and `team` are omitempty pointers: a team's key has no `user`, a user's no
    // `team` (reference §4: user is null for team keys).
    const who =
      principal.kind === "Team"
        ? {
            team: {
              name: principal.name,
              displayName: spec.displayName ?? principal.name,
              subject,
            },
          }
        : {
            user: {
              name: principal.name,
              username: spec.username ?? principal.name,
              displayName: spec.displayName ?? principal.name,
              ...(spec.email ? { email: spec.email } : {}),
              subject,
            },
          };
    const status: Record<string, unknown> = {
      ...who,
      subject,
      uid: principal.object.metadata.uid,
      accessKey: principal.accessKey,
      projectNamespacePrefix: ctx.platform.projectNamespacePrefix,
    };
    if (principal.scope) status.accessKeyScope = principal.scope;
    return {
      code: 201,
      body: {
        apiVersion: API_VERSION,
        kind: "Self",
        metadata: { creationTimestamp: null },
        spec: {},
        status,
      },
    };
  },
};
