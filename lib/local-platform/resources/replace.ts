import type { core } from "zod/mini";
import { sameJson } from "@/lib/same-json";
import { validate } from "@/lib/scope/causes";
import type { ApiObject, ObjectMeta } from "../store";
import { badRequest, conflict, invalid } from "../status";
import { checkEnvelope } from "./envelope";
import { compact } from "./new-object";
import type { Ctx, Resource } from "./types";
import { isDryRun } from "./write";

/** What a PUT body's `metadata` may say: checked (name, uid, resourceVersion) or kept (labels, annotations). */
interface SentMeta {
  name?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * Replaces `current` with `proposed` (a PUT body, or the current object with a merge patch applied)
 * as a Kubernetes API server does: 400 for a wrong apiVersion, kind or name; 422 with one cause per
 * field `schema` refuses; 409 Conflict when `metadata.uid` or `metadata.resourceVersion` is not the
 * stored one (absent: no precondition); then the resource's own rules (`admit`, which may adjust the
 * new spec or throw 403 / 422 for a change it does not allow). A spec change bumps
 * `metadata.resourceVersion` and `metadata.generation`, a label or annotation change only the
 * resourceVersion; no change writes nothing. `status` is the server's: what is sent is ignored.
 * dryRun=All: all of that, nothing stored. Call inside the write's transaction.
 */
export function replaceObject<T extends core.$ZodType<{ metadata?: SentMeta; spec?: object }>>(
  ctx: Ctx,
  resource: Resource,
  current: ApiObject,
  proposed: unknown,
  rules: {
    schema: T;
    admit: (current: ApiObject, next: ApiObject) => void;
    searchText: (spec: Record<string, unknown>) => string;
  },
): ApiObject {
  const { plural } = resource;
  const name = current.metadata.name;
  const body = checkEnvelope(resource, proposed);
  const result = validate(rules.schema, body);
  if (!result.ok) throw invalid(resource.kind, plural, name, result.causes);
  const meta: SentMeta = result.data.metadata ?? {};
  if (meta.name !== undefined && meta.name !== name) {
    throw badRequest(
      `the name of the object (${meta.name}) does not match the name on the URL (${name})`,
    );
  }
  if (meta.uid !== undefined && meta.uid !== current.metadata.uid) {
    throw conflict(
      plural,
      name,
      `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${current.metadata.uid}`,
    );
  }
  if (
    meta.resourceVersion !== undefined &&
    meta.resourceVersion !== current.metadata.resourceVersion
  ) {
    throw conflict(plural, name);
  }

  const metadata: ObjectMeta = { ...current.metadata };
  delete metadata.labels;
  delete metadata.annotations;
  if (meta.labels && Object.keys(meta.labels).length) metadata.labels = meta.labels;
  if (meta.annotations && Object.keys(meta.annotations).length) {
    metadata.annotations = meta.annotations;
  }
  const spec = compact({ ...(result.data.spec ?? {}) } as Record<string, unknown>);
  const next: ApiObject = { ...current, metadata, spec };
  rules.admit(current, next);

  const specChanged = !sameJson(current.spec, next.spec);
  const metaChanged = (["labels", "annotations"] as const).some(
    (k) => !sameJson(current.metadata[k] ?? {}, metadata[k] ?? {}),
  );
  if (!specChanged && !metaChanged) return current;
  const store = ctx.platform.store;
  metadata.resourceVersion = isDryRun(ctx)
    ? current.metadata.resourceVersion
    : String(store.nextResourceVersion());
  if (specChanged) metadata.generation = current.metadata.generation + 1;
  store.update(plural, next, rules.searchText(next.spec));
  return next;
}
