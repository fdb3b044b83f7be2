import type { IncomingMessage, ServerResponse } from "node:http";
import type { core } from "zod/mini";
import type { Config } from "@/lib/config";
import type { Principal } from "../auth";
import type { TokenAuditRow } from "../store";
import type { AuditLog } from "../direct/audit-log";
import type { Signer } from "../signer";
import type { Store } from "../store";

/** What every handler may use: the store, the signer and the platform's configuration. */
export interface Platform {
  store: Store;
  signer: Signer;
  /** The direct endpoints' audit log (`DATA_DIR/audit/direct.log`, see direct/audit-log.ts). */
  directAudit: AuditLog;
  /** Issued tokens' audit rows, written with group commit (see audit.ts). */
  audit: { record(row: TokenAuditRow): Promise<void> };
  config: Config;
  /** Token issuer, e.g. http://127.0.0.1:3000. */
  origin: string;
  /** Project namespaces are `<prefix><project>` (LOCAL_PLATFORM_PROJECT_NAMESPACE_PREFIX). */
  projectNamespacePrefix: string;
  /** DATA_DIR/token-ca.pem: the certificate of the token signing key (agentconfig tokenCaCert). */
  tokenCaPem: string;
  /**
   * "Now" in ms since the epoch (`Date.now` unless a test injects another clock): what access key
   * expiry and activity, key creation times and token `iat`/`exp` (and their checks) are measured by.
   */
  clock: () => number;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  platform: Platform;
  principal: Principal;
  /** Namespace from the URL (`…/namespaces/<ns>/…`), for namespaced resources. */
  namespace?: string;
}

/** Kubernetes verbs, in the alphabetical order discovery lists them. */
export type Verb = "create" | "delete" | "get" | "list" | "patch" | "update";

export interface Reply {
  code: number;
  body: unknown;
}

/** `GET <resource>/<name>/<subresource>`, e.g. `clusters/<c>/agentconfig`. */
export interface Subresource {
  kind: string;
  get(ctx: Ctx, name: string): Reply;
}

export interface Resource {
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: Verb[];
  /** The create body's schema (OpenAPI is generated from it). */
  schema: core.$ZodType;
  list?(ctx: Ctx): Reply;
  get?(ctx: Ctx, name: string): Reply;
  create?(ctx: Ctx): Promise<Reply>;
  delete?(ctx: Ctx, name: string): Reply;
  /** `PUT <resource>/<name>`: the whole object, `metadata.resourceVersion` a precondition. */
  update?(ctx: Ctx, name: string): Promise<Reply>;
  /** `PATCH <resource>/<name>`: a merge patch (see `patchTypes`). */
  patch?(ctx: Ctx, name: string): Promise<Reply>;
  subresources?: Record<string, Subresource>;
  /**
   * Creates that may come from a scoped key whatever its scope says, because the handler checks
   * that what is created stays within that key's scope and lifetime (tokens, access keys).
   */
  createChecksEscalation?: boolean;
}
