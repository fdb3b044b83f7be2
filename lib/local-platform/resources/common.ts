import crypto from "node:crypto";
import type { core } from "zod/mini";
import { sameJson } from "@/lib/same-json";
import { validate } from "@/lib/scope/causes";
import { API_VERSION } from "@/lib/scope/constants";
import { readJson } from "../http";
import { parseFieldSelector, parseLabelSelector, SelectorError } from "../selector";
import type { ApiObject, ListPage, ListQuery, ObjectMeta, Store } from "../store";
import { badRequest, conflict, invalid } from "../status";
import type { Ctx, Reply, Resource } from "./types";

/** Reads query parameters of a list: limit, continue, labelSelector, fieldSelector, search. */
export function parseListQuery(ctx: Ctx, resource: Resource): ListQuery {
  const p = ctx.url.searchParams;
  const q: ListQuery = { labels: [], fields: [] };
  try {
    q.labels = parseLabelSelector(p.get("labelSelector") ?? "");
    q.fields = parseFieldSelector(p.get("fieldSelector") ?? "");
  } catch (error) {
    if (error instanceof SelectorError)
      throw badRequest(`unable to parse requirement: ${error.message}`);
    throw error;
  }
  const limit = p.get("limit");
  if (limit !== null && limit !== "") {
    if (!/^\d{1,9}$/.test(limit))
      throw badRequest(`limit must be a non-negative integer (got "${limit.slice(0, 20)}")`);
    q.limit = Number(limit);
  }
  const search = p.get("search");
  if (search) {
    if (search.length > 253) throw badRequest("search must be at most 253 characters");
    q.search = search;
  }
  const token = p.get("continue");
  if (token) q.after = decodeContinue(token, resource.plural);
  if (ctx.namespace !== undefined) q.namespace = ctx.namespace;
  return q;
}

interface ContinueToken {
  v: 1;
  r: string;
  ns: string;
  n: string;
}

function encodeContinue(resource: string, after: { namespace: string; name: string }) {
  const token: ContinueToken = { v: 1, r: resource, ns: after.namespace, n: after.name };
  return Buffer.from(JSON.stringify(token)).toString("base64url");
}

function decodeContinue(token: string, resource: string) {
  const fail = () => badRequest("continue key is not valid");
  if (token.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(token)) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw fail();
  }
  const t = parsed as Partial<ContinueToken> | null;
  if (
    !t ||
    typeof t !== "object" ||
    t.v !== 1 ||
    t.r !== resource ||
    typeof t.ns !== "string" ||
    typeof t.n !== "string"
  ) {
    throw fail();
  }
  return { namespace: t.ns, name: t.n };
}

export function listReply(resource: Resource, page: ListPage): Reply {
  const metadata: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.next) metadata.continue = encodeContinue(resource.plural, page.next);
  if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
  return {
    code: 200,
    body: { kind: `${resource.kind}List`, apiVersion: API_VERSION, metadata, items: page.items },
  };
}

const SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
/** Kubernetes-style generateName suffix: 5 characters, no vowels. */
export const randomSuffix = () =>
  Array.from(crypto.randomBytes(5), (b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join("");

interface CreateMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface ParsedCreate<T> {
  data: T;
  name: string;
  meta: CreateMeta;
}

/**
 * A client-sent value inside a message. Never `String(value)`: a parsed object whose `toString` is
 * not a function makes that throw (`{"kind": {"toString": 1}}` was a 500).
 */
function shown(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** 400 unless `body` is a JSON object with this resource's apiVersion and kind. */
export function checkEnvelope(resource: Resource, body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw badRequest("the request body must be a JSON object");
  if (body.apiVersion !== API_VERSION) {
    throw badRequest(
      `the API version in the data (${shown(body.apiVersion)}) does not match the expected API version (${API_VERSION})`,
    );
  }
  if (body.kind !== resource.kind) {
    throw badRequest(
      `the kind in the data (${shown(body.kind)}) does not match the expected kind (${resource.kind})`,
    );
  }
  return body;
}

/**
 * The patch media types the local platform applies, both as a JSON merge patch (RFC 7386): for
 * objects without lists of mergeable items (users) a strategic merge patch means the same. JSON
 * patch (`application/json-patch+json`) and server-side apply are 415.
 */
export const PATCH_TYPES = [
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
] as const;

/** Reads a `PATCH` body: one of PATCH_TYPES (else 415), a JSON object (else 400). */
export async function readPatch(ctx: Ctx): Promise<Record<string, unknown>> {
  const patch = await readJson(ctx.req, PATCH_TYPES);
  if (!isObject(patch)) throw badRequest("the patch must be a JSON object");
  return patch;
}

/** RFC 7386 JSON merge patch: objects merge key by key, `null` removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
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

/**
 * Server-set metadata for a new object; call inside the write transaction. `now` (ms since the
 * epoch) is its creation time: pass the platform's clock where time matters (access keys).
 */
export function newMeta(
  store: Store,
  name: string,
  meta: CreateMeta,
  namespace?: string,
  now = Date.now(),
): ObjectMeta {
  const m: ObjectMeta = {
    name,
    uid: crypto.randomUUID(),
    resourceVersion: String(store.nextResourceVersion()),
    generation: 1,
    creationTimestamp: new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  if (namespace !== undefined) m.namespace = namespace;
  if (meta.labels && Object.keys(meta.labels).length) m.labels = meta.labels;
  if (meta.annotations && Object.keys(meta.annotations).length) m.annotations = meta.annotations;
  return m;
}

export function objectOf(
  resource: Resource,
  metadata: ObjectMeta,
  spec: Record<string, unknown>,
  status?: Record<string, unknown>,
): ApiObject {
  const o: ApiObject = { apiVersion: API_VERSION, kind: resource.kind, metadata, spec };
  if (status) o.status = status;
  return o;
}

/** Drops undefined values so stored JSON stays tidy. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** True when the request asks for a server-side dry run (`dryRun=All`). */
export const isDryRun = (ctx: Ctx) => ctx.url.searchParams.getAll("dryRun").includes("All");

/** Thrown inside a transaction to roll a dry run back while keeping its result. */
class DryRun<T> extends Error {
  constructor(readonly result: T) {
    super("dry run");
  }
}

/** Runs a write in one transaction; with dryRun=All it is rolled back and its result returned. */
export function write<T>(ctx: Ctx, fn: () => T): T {
  const dry = isDryRun(ctx);
  try {
    return ctx.platform.store.transaction(() => {
      const result = fn();
      if (dry) throw new DryRun(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.result as T;
    throw error;
  }
}

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
