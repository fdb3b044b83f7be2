import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  AUDIT_ANNOTATIONS as A,
  JTI_EXTRA,
  type AuditEvent,
  type AuditObjectRef,
  type AuditUser,
} from "@/lib/explain/audit-event";
import type { CheckId } from "@/lib/explain/checks";
import type { DirectTarget, RequestInfo } from "@/lib/explain/direct-request";
import type { Platform } from "../resources/types";

/**
 * What one direct-endpoint request did, filled in as it is served and written as one
 * `audit.k8s.io/v1` Event when its response is complete. Never the bearer credential.
 */
export interface AuditRecord {
  auditID: string;
  received: number;
  requestURI: string;
  method: string;
  sourceIP: string;
  userAgent?: string;
  info?: RequestInfo;
  target?: DirectTarget;
  user?: AuditUser;
  jti?: string;
  credential?: "token" | "access-key";
  /** The authorization decision, once made. */
  decision?: "allow" | "forbid";
  reason?: string;
  /** The check a refusal failed. */
  check?: CheckId;
}

/** RFC 3339 with microseconds, as Kubernetes writes audit timestamps. */
const microTime = (ms: number) => new Date(ms).toISOString().replace(/Z$/, "000Z");

function objectRefOf(info: RequestInfo | undefined): AuditObjectRef | undefined {
  if (!info?.isResourceRequest) return undefined;
  const ref: AuditObjectRef = {};
  if (info.resource) ref.resource = info.resource;
  if (info.namespace) ref.namespace = info.namespace;
  if (info.name) ref.name = info.name;
  if (info.apiGroup) ref.apiGroup = info.apiGroup;
  if (info.apiVersion) ref.apiVersion = info.apiVersion;
  if (info.subresource) ref.subresource = info.subresource;
  return ref;
}

function annotationsOf(record: AuditRecord): Record<string, string> {
  const out: Record<string, string> = {};
  const set = (key: string, value: string | undefined) => {
    if (value) out[key] = value;
  };
  set(A.decision, record.decision);
  set(A.reason, record.reason);
  set(A.jti, record.jti);
  set(A.credential, record.credential);
  set(A.check, record.check);
  const t = record.target;
  if (t) {
    set(A.cluster, t.kind === "Cluster" ? t.cluster : undefined);
    set(A.project, t.kind === "Cluster" ? undefined : t.project);
    set(A.space, t.kind === "ProjectSpace" ? t.space : undefined);
    set(A.virtualCluster, t.kind === "ProjectVirtualCluster" ? t.virtualCluster : undefined);
  }
  return out;
}

export function auditEventOf(record: AuditRecord, code: number, now: number): AuditEvent {
  const event: AuditEvent = {
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level: "Metadata",
    auditID: record.auditID,
    stage: "ResponseComplete",
    requestURI: record.requestURI,
    verb: record.info?.verb || record.method.toLowerCase(),
    user: record.user ?? {},
    sourceIPs: [record.sourceIP],
    responseStatus: { code },
    requestReceivedTimestamp: microTime(record.received),
    stageTimestamp: microTime(Math.max(now, record.received)),
    annotations: annotationsOf(record),
  };
  if (record.userAgent) event.userAgent = record.userAgent;
  const ref = objectRefOf(record.info);
  if (ref) event.objectRef = ref;
  return event;
}

/** The user an event (and `kubectl auth whoami`) names: `loft:user:<name>` or `loft:team:<name>`. */
export function auditUserOf(
  kind: "User" | "Team",
  name: string,
  uid: string | undefined,
  jti: string,
  accessKey?: string,
): AuditUser {
  const extra: Record<string, string[]> = { [JTI_EXTRA]: [jti] };
  if (accessKey === undefined) extra["authentication.kubernetes.io/credential-id"] = [`JTI=${jti}`];
  else extra["loft.sh/access-key"] = [accessKey];
  const user: AuditUser = { username: `loft:${kind.toLowerCase()}:${name}` };
  if (uid) user.uid = uid;
  user.groups = ["system:authenticated"];
  user.extra = extra;
  return user;
}

/**
 * Starts the record of a request and writes its event when the response is done (or the
 * connection closed first); the request's handlers fill the record in meanwhile.
 */
export function beginAudit(
  platform: Platform,
  req: IncomingMessage,
  res: ServerResponse,
): AuditRecord {
  const ua = req.headers["user-agent"];
  const record: AuditRecord = {
    auditID: crypto.randomUUID(),
    received: platform.clock(),
    requestURI: req.url ?? "/",
    method: (req.method ?? "GET").toUpperCase(),
    sourceIP: req.socket.remoteAddress ?? "unknown",
    userAgent: typeof ua === "string" ? ua.slice(0, 1024) : undefined,
  };
  res.once("close", () => {
    platform.directAudit.write(auditEventOf(record, res.statusCode, platform.clock()));
  });
  return record;
}
