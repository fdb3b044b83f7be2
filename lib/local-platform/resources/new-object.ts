import crypto from "node:crypto";
import { API_VERSION } from "@/lib/scope/constants";
import type { ApiObject, ObjectMeta, Store } from "../store";
import type { Resource } from "./types";
import { rfc3339 } from "../time";

const SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
/** Kubernetes-style generateName suffix: 5 characters, no vowels. */
export const randomSuffix = () =>
  Array.from(crypto.randomBytes(5), (b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join("");

/** The metadata a create body may set. */
export interface CreateMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
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
    creationTimestamp: rfc3339(now),
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
