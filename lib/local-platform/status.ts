import type { CheckId } from "@/lib/explain/checks";
import type { StatusCause } from "@/lib/scope/causes";
import { API_GROUP } from "@/lib/scope/constants";

export const GROUP = API_GROUP;

/** A Kubernetes `Status` body (apimachinery meta/v1 Status). */
export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure";
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/**
 * Thrown anywhere in a handler; the router turns it into the Status response. `check`: the direct
 * endpoint check (lib/explain/checks.ts) a refusal failed, for the audit log, never the client.
 */
export class ApiError extends Error {
  constructor(
    readonly status: Status,
    readonly check?: CheckId,
  ) {
    super(status.message);
  }
}

/** The body of a failure `Status`; also used by the dashboard's own JSON routes and the server. */
export function statusBody(
  code: number,
  reason: string,
  message: string,
  details?: Status["details"],
): Status {
  const body: Status = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    code,
  };
  if (details) body.details = details;
  return body;
}

function status(code: number, reason: string, message: string, details?: Status["details"]) {
  return new ApiError(statusBody(code, reason, message, details));
}

/** `projects.management.loft.sh "x"` or `projects.management.loft.sh` when there is no name. */
const qualified = (resource: string, name?: string) =>
  name ? `${resource}.${GROUP} "${name}"` : `${resource}.${GROUP}`;

const withName = (resource: string, name?: string) =>
  name ? { name, group: GROUP, kind: resource } : { group: GROUP, kind: resource };

/** 401 as Kubernetes sends it (no reason for the client); `check` says which failed, for audit. */
export const unauthorized = (check?: CheckId) =>
  new ApiError(statusBody(401, "Unauthorized", "Unauthorized"), check);

export function forbidden(
  resource: string,
  name: string | undefined,
  why: string,
  causes?: StatusCause[],
): ApiError {
  const details: NonNullable<Status["details"]> = withName(resource, name);
  if (causes?.length) details.causes = causes;
  return status(403, "Forbidden", `${qualified(resource, name)} is forbidden: ${why}`, details);
}

/**
 * The RBAC-style 403: `User "u" cannot get resource "projects" in API group … at the cluster scope`
 * (`Team "t" cannot …` for a team's key; a bare string is a user's name).
 */
export function cannot(
  who: string | { kind: "User" | "Team"; name: string },
  verb: string,
  resource: string,
  name?: string,
  namespace?: string,
): ApiError {
  const where = namespace ? `in the namespace "${namespace}"` : "at the cluster scope";
  const subject = typeof who === "string" ? { kind: "User", name: who } : who;
  return forbidden(
    resource,
    name,
    `${subject.kind} "${subject.name}" cannot ${verb} resource "${resource}" in API group "${GROUP}" ${where}`,
  );
}

export const notFound = (resource: string, name: string) =>
  status(404, "NotFound", `${qualified(resource, name)} not found`, withName(resource, name));

export const pathNotFound = () =>
  status(404, "NotFound", "the server could not find the requested resource", {});

export const alreadyExists = (resource: string, name: string) =>
  status(
    409,
    "AlreadyExists",
    `${qualified(resource, name)} already exists`,
    withName(resource, name),
  );

/** apiserver registry `OptimisticLockErrorMsg`. */
const OPTIMISTIC_LOCK_MESSAGE =
  "the object has been modified; please apply your changes to the latest version and try again";

/**
 * 409 Conflict (apimachinery `NewConflict`): `Operation cannot be fulfilled on <resource> "<name>":
 * <why>`. Without `why`, the optimistic-lock message a stale `metadata.resourceVersion` gets.
 */
export const conflict = (resource: string, name: string, why = OPTIMISTIC_LOCK_MESSAGE) =>
  status(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualified(resource, name)}: ${why}`,
    withName(resource, name),
  );

export const badRequest = (message: string) => status(400, "BadRequest", message);

export const methodNotAllowed = (method: string, resource?: string) =>
  status(
    405,
    "MethodNotAllowed",
    resource
      ? `the server does not allow this method on the requested resource: ${method} ${resource}`
      : `the server does not allow this method on the requested resource: ${method}`,
    resource ? { group: GROUP, kind: resource } : {},
  );

/** Too many failed authentications from one address: try again after `seconds`. */
export const tooManyFailures = (seconds: number) =>
  status(
    429,
    "TooManyRequests",
    "Too many failed authentication attempts from this address; try again later",
    { retryAfterSeconds: seconds },
  );

/** A request body that did not arrive in time (a client trickling it). */
export const bodyTimeout = (seconds: number) =>
  status(408, "Timeout", `the request body was not received within ${seconds} s`);

export const tooLarge = (limit: number) =>
  status(413, "RequestEntityTooLarge", `Request entity too large: limit is ${limit} bytes`);

export const unsupportedMediaType = (
  contentType: string,
  accepted: readonly string[] = ["application/json"],
) =>
  status(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")} (got "${contentType || "none"}")`,
  );

/** 422 Invalid: `kind` is the Kind, one cause per problem. */
export function invalid(
  kind: string,
  resource: string,
  name: string,
  causes: StatusCause[],
): ApiError {
  const parts = causes.map((c) => `${c.field}: ${c.message}`);
  const summary = parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`;
  return status(
    422,
    "Invalid",
    `${qualified(resource, name || undefined)} is invalid: ${summary}`,
    {
      name: name || undefined,
      group: GROUP,
      kind,
      causes,
    },
  );
}

/**
 * The 422 Kubernetes answers for a write whose `dryRun` is not `All` (apiserver handlers:
 * `ValidateCreateOptions` / `ValidateUpdateOptions` / `ValidatePatchOptions` /
 * `ValidateDeleteOptions` → NewInvalid).
 */
export function invalidDryRun(
  options: "CreateOptions" | "UpdateOptions" | "PatchOptions" | "DeleteOptions",
  values: string[],
) {
  const shown = `[]string{${values.map((v) => JSON.stringify(v.slice(0, 100))).join(", ")}}`;
  const message = `Unsupported value: ${shown}: supported values: "All"`;
  return status(422, "Invalid", `${options}.meta.k8s.io "" is invalid: dryRun: ${message}`, {
    group: "meta.k8s.io",
    kind: options,
    causes: [{ field: "dryRun", reason: "FieldValueNotSupported", message }],
  });
}

export const internalError = () =>
  status(500, "InternalError", "Internal error occurred: the request could not be completed");
