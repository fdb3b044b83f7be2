import {
  directAccessRequest as mapRequest,
  type DirectPath,
  type RequestInfo,
} from "@/lib/explain/direct-request";
import type { AccessRequest } from "@/lib/scope/evaluate";
import { DEFAULT_CLUSTER } from "../resources/clusters";

/**
 * Direct cluster endpoint URLs → `AccessRequest` (the mapping lives in lib/explain/direct-request.ts,
 * browser-safe, so explanations read a URL exactly as this endpoint does). Here the
 * `/kubernetes/cluster` target is this platform's own cluster, `loft-cluster`.
 */
export {
  isDirectPath,
  type DirectPath,
  type DirectTarget,
  type RequestInfo,
} from "@/lib/explain/direct-request";

/** The AccessRequest a request to this platform's direct endpoint is authorized as (tests use it too). */
export function directAccessRequest(
  method: string,
  path: string,
  query: URLSearchParams = new URLSearchParams(),
): { request: AccessRequest; info: RequestInfo; direct: DirectPath } | undefined {
  return mapRequest(method, path, query, DEFAULT_CLUSTER);
}
