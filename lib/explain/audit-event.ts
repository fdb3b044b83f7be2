/**
 * `audit.k8s.io/v1` `Event`, as a kube-apiserver's log backend writes it (one JSON object a
 * line; k8s.io/apiserver pkg/apis/audit/v1/types.go), with the fields direct endpoints fill.
 * Browser-safe: the console reads these events to show what a credential did.
 */
export interface AuditUser {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface AuditObjectRef {
  resource?: string;
  namespace?: string;
  name?: string;
  apiGroup?: string;
  apiVersion?: string;
  subresource?: string;
}

export interface AuditEvent {
  kind: "Event";
  apiVersion: "audit.k8s.io/v1";
  level: "Metadata";
  auditID: string;
  stage: "ResponseComplete";
  requestURI: string;
  verb: string;
  user: AuditUser;
  sourceIPs?: string[];
  userAgent?: string;
  objectRef?: AuditObjectRef;
  responseStatus: { code: number; status?: string; reason?: string; message?: string };
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations?: Record<string, string>;
}

/** Annotation keys direct endpoints set (besides Kubernetes' `authorization.k8s.io/…`). */
export const AUDIT_ANNOTATIONS = {
  decision: "authorization.k8s.io/decision",
  reason: "authorization.k8s.io/reason",
  /** The token's `jti`, or the access key's name. */
  jti: "dce.loft.sh/jti",
  /** `token` or `access-key`. */
  credential: "dce.loft.sh/credential",
  /** The check that refused the request (lib/explain/checks.ts `CheckId`); absent when allowed. */
  check: "dce.loft.sh/check",
  project: "dce.loft.sh/project",
  space: "dce.loft.sh/space",
  virtualCluster: "dce.loft.sh/virtual-cluster",
  cluster: "dce.loft.sh/cluster",
} as const;

/** The `user.extra` key holding the credential's `jti` (a one-element list). */
export const JTI_EXTRA = "loft.sh/jti";
