import type { core } from "zod/mini";
import { validate } from "@/lib/scope/causes";
import { readJson } from "../http";
import { badRequest, invalid } from "../status";
import { checkEnvelope } from "./envelope";
import { randomSuffix, type CreateMeta } from "./new-object";
import type { Ctx, Resource } from "./types";

export interface ParsedCreate<T> {
  data: T;
  name: string;
  meta: CreateMeta;
}

/**
 * Reads and validates a create body: 400 for a wrong apiVersion/kind or namespace, 422 with one
 * cause per problem, a name from metadata.name or generateName.
 */
export async function readCreate<S extends core.$ZodType>(
  ctx: Ctx,
  resource: Resource,
  schema: S,
  options: { nameRequired?: boolean } = {},
): Promise<ParsedCreate<core.output<S>>> {
  const body = await readJson(ctx.req);
  const b = checkEnvelope(resource, body);
  const rawMeta = (typeof b.metadata === "object" && b.metadata ? b.metadata : {}) as Record<
    string,
    unknown
  >;
  const provisional = typeof rawMeta.name === "string" ? rawMeta.name : "";
  const result = validate(schema, body);
  if (!result.ok) throw invalid(resource.kind, resource.plural, provisional, result.causes);
  const meta = ((result.data as { metadata?: CreateMeta }).metadata ?? {}) as CreateMeta;
  if (resource.namespaced && meta.namespace && meta.namespace !== ctx.namespace) {
    throw badRequest(
      "the namespace of the provided object does not match the namespace sent on the request",
    );
  }
  let name = meta.name ?? (meta.generateName ? `${meta.generateName}${randomSuffix()}` : "");
  if (name.length > 63) name = `${meta.generateName!.slice(0, 58)}${randomSuffix()}`;
  if (!name && options.nameRequired !== false) {
    throw invalid(resource.kind, resource.plural, "", [
      {
        field: "metadata.name",
        reason: "FieldValueRequired",
        message: "Required value: name or generateName is required",
      },
    ]);
  }
  return { data: result.data, name, meta };
}
