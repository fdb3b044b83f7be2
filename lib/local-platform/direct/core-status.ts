import { ApiError, statusBody, type Status } from "../status";

/**
 * Status bodies as a Kubernetes API server writes them for core and other groups (the management
 * API's helpers always name `management.loft.sh`).
 */

/** `namespaces "x"`, `deployments.apps "x"`, `namespaces` (no name). */
function qualified(resource: string, group: string, name?: string) {
  const r = group ? `${resource}.${group}` : resource;
  return name ? `${r} "${name}"` : r;
}

function details(resource: string, group: string, name?: string): NonNullable<Status["details"]> {
  const d: NonNullable<Status["details"]> = { kind: resource };
  if (name) d.name = name;
  if (group) d.group = group;
  return d;
}

/** 403 for a resource request (`<resource> "<name>" is forbidden: …`) or a path (`forbidden: …`). */
export function forbidden(
  why: string,
  resource?: { resource: string; group: string; name?: string },
): ApiError {
  if (!resource) return new ApiError(statusBody(403, "Forbidden", `forbidden: ${why}`, {}));
  return new ApiError(
    statusBody(
      403,
      "Forbidden",
      `${qualified(resource.resource, resource.group, resource.name)} is forbidden: ${why}`,
      details(resource.resource, resource.group, resource.name),
    ),
  );
}

export const notFound = (resource: string, group: string, name: string) =>
  new ApiError(
    statusBody(
      404,
      "NotFound",
      `${qualified(resource, group, name)} not found`,
      details(resource, group, name),
    ),
  );

export const pathNotFound = (why = "the server could not find the requested resource") =>
  new ApiError(statusBody(404, "NotFound", why, {}));

/** 405 for a write this read-only simulated cluster cannot do (after authorization). */
export const readOnly = (method: string, resource?: { resource: string; group: string }) =>
  new ApiError(
    statusBody(
      405,
      "MethodNotAllowed",
      `the server does not allow this method on the requested resource: ${method}${
        resource ? ` ${qualified(resource.resource, resource.group)}` : ""
      }: this simulated cluster is read-only`,
      resource ? details(resource.resource, resource.group) : {},
    ),
  );

/** 405 for a watch: the simulated cluster's objects never change, so it serves no watches. */
export const noWatch = (resource: { resource: string; group: string }) =>
  new ApiError(
    statusBody(
      405,
      "MethodNotAllowed",
      `the server does not allow this method on the requested resource: watch ${qualified(resource.resource, resource.group)}: this simulated cluster serves no watches`,
      details(resource.resource, resource.group),
    ),
  );
