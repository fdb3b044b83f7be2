import { validate } from "@/lib/scope/causes";
import { API_VERSION } from "@/lib/scope/constants";
import { readJson } from "../http";
import { SelfCreate } from "../schemas";
import { badRequest, invalid } from "../status";
import type { Resource } from "./types";

/** `POST selves`: who the access key in use belongs to, and that key's scope. */
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
    const spec = principal.user.spec as {
      username?: string;
      displayName?: string;
      email?: string;
      subject?: string;
    };
    const subject = spec.subject ?? principal.name;
    const status: Record<string, unknown> = {
      user: {
        name: principal.name,
        username: spec.username ?? principal.name,
        displayName: spec.displayName ?? principal.name,
        ...(spec.email ? { email: spec.email } : {}),
        subject,
      },
      subject,
      uid: principal.user.metadata.uid,
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
