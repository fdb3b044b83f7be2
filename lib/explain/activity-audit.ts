import type { AccessRequest, AccessTarget } from "@/lib/scope/evaluate";
import { accessRequestOf, splitPath } from "./activity-path";
import { requestInfoOf } from "./direct-request";
import { AUDIT_ANNOTATIONS as A } from "./audit-event";
import { VERB_METHOD } from "./client-output";
import { targetOfServer, unnamedClusterError, type ServerBook } from "./activity-servers";

/**
 * One Kubernetes audit event (`audit.k8s.io/v1` `Event`, one JSON object per line as the log
 * backend writes them; an `EventList` line is read item by item) → the request it records. The
 * target comes from `requestURI` (a direct-endpoint or management path; see `eventTarget`); the
 * verb is the event's;
 * `objectRef` (resource, namespace, name, apiGroup, subresource) overrides what the path says.
 */

export type AuditOutcome = "succeeded" | "refused" | "unknown";
export type AuditRequest = {
  request: AccessRequest;
  outcome: AuditOutcome;
  auditID?: string;
};
export type AuditRead = { events: AuditRequest[] } | { error: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

export function readAuditLine(line: string, book: ServerBook, prefix: string): AuditRead {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(value)) return { error: "not an audit event (a JSON object)" };
  const items = value.kind === "EventList" && Array.isArray(value.items) ? value.items : [value];
  const events: AuditRequest[] = [];
  for (const [i, item] of items.entries()) {
    const read = auditEvent(item, book, prefix);
    if ("error" in read) {
      return { error: items.length > 1 ? `items[${i}]: ${read.error}` : read.error };
    }
    events.push(read);
  }
  return { events };
}

function auditEvent(
  event: unknown,
  book: ServerBook,
  prefix: string,
): AuditRequest | { error: string } {
  if (!isObject(event)) return { error: "not an audit event (a JSON object)" };
  if (event.kind !== "Event")
    return { error: `kind is ${JSON.stringify(event.kind ?? null)}, not Event` };
  const apiVersion = str(event.apiVersion);
  if (!apiVersion?.startsWith("audit.k8s.io/")) {
    return {
      error: `apiVersion is ${JSON.stringify(event.apiVersion ?? null)}, not audit.k8s.io/v1`,
    };
  }
  const uri = str(event.requestURI);
  const verb = str(event.verb);
  if (!uri) return { error: "the event has no requestURI" };
  if (!verb) return { error: "the event has no verb" };
  const q = uri.indexOf("?");
  const path = q === -1 ? uri : uri.slice(0, q);
  const where = eventTarget(path, event, book);
  if ("error" in where) return where;
  const info = requestInfoOf(
    VERB_METHOD[verb] ?? verb.toUpperCase(),
    where.rest,
    new URLSearchParams(q === -1 ? "" : uri.slice(q + 1)),
  );
  info.verb = verb;
  if (isObject(event.objectRef)) {
    const ref = event.objectRef;
    info.isResourceRequest = true;
    info.resource = str(ref.resource) ?? info.resource;
    info.subresource = str(ref.subresource) ?? info.subresource;
    info.namespace = str(ref.namespace) ?? info.namespace;
    info.name = str(ref.name) ?? info.name;
    info.apiGroup = str(ref.apiGroup) ?? info.apiGroup;
  }
  const auditID = str(event.auditID);
  return {
    request: accessRequestOf(where.target, info, prefix),
    outcome: outcomeOf(event),
    ...(auditID ? { auditID } : {}),
  };
}

/** The target the console's direct endpoints name in annotations (`dce.loft.sh/…`, audit-event.ts). */
function annotatedTarget(annotations: Json): AccessTarget | undefined {
  const project = str(annotations[A.project]);
  const space = str(annotations[A.space]);
  const virtualCluster = str(annotations[A.virtualCluster]);
  const cluster = str(annotations[A.cluster]);
  if (project && virtualCluster) return { kind: "ProjectVirtualCluster", project, virtualCluster };
  if (project && space) return { kind: "ProjectSpace", project, space };
  return cluster ? { kind: "Cluster", cluster } : undefined;
}

/**
 * The event's target: the requestURI's (a cluster's direct endpoint names its cluster in the
 * `dce.loft.sh/cluster` annotation, or a `cluster = <name>` line); for a path without a
 * `/kubernetes/…` prefix, the annotations' or the `server = <URL>` line's.
 */
function eventTarget(
  path: string,
  event: Json,
  book: ServerBook,
): { target: AccessTarget; rest: string } | { error: string } {
  const annotated = isObject(event.annotations) ? annotatedTarget(event.annotations) : undefined;
  const split = splitPath(path);
  if (split) {
    const named = annotated?.kind === "Cluster" ? annotated.cluster : book.defaultCluster;
    const target: AccessTarget | undefined =
      split.target ?? (named ? { kind: "Cluster", cluster: named } : undefined);
    if (!target) return { error: unnamedClusterError(`requestURI ${split.base}`) };
    return { target, rest: split.rest };
  }
  if (annotated) return { target: annotated, rest: path };
  if (book.defaultServer) {
    const server = targetOfServer(book.defaultServer, book);
    return "error" in server ? server : { target: server.target, rest: path };
  }
  return {
    error: `requestURI ${path} names no target (no /kubernetes/project/…, /kubernetes/cluster… or /kubernetes/management prefix): if this is a target's own log, add a line "server = <its URL>"`,
  };
}

/** Refused: 401/403 or the authorizer's `forbid`; unknown: no response recorded (RequestReceived). */
function outcomeOf(event: Json): AuditOutcome {
  const code = isObject(event.responseStatus) ? event.responseStatus.code : undefined;
  const decision = isObject(event.annotations)
    ? event.annotations["authorization.k8s.io/decision"]
    : undefined;
  if (code === 401 || code === 403 || decision === "forbid") return "refused";
  return typeof code === "number" || decision === "allow" ? "succeeded" : "unknown";
}
