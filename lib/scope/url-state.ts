import { fieldPath } from "./causes";
import { normalizeScope } from "./manifest";
import {
  type AccessKeyScope,
  AccessKeyScopeCluster,
  AccessKeyScopeProject,
  AccessKeyScopeRole,
  AccessKeyScopeRule,
  AccessKeyScopeSpace,
  AccessKeyScopeVirtualCluster,
  ttlSeconds,
} from "./schema";

/**
 * The scope being built, in the page URL, so a scope can be bookmarked or shared as a template:
 * `p=demo&p=*&s=demo/dev&v=demo/*&c=eu-1&roles=<base64url JSON>&cli=1&ttl=86400&rules=<base64url JSON>`,
 * or `unrestricted=1`
 * for an explicitly unrestricted token. Only scope and TTL are ever written: never a token or key.
 * Decoding validates every part with the schema and drops what is invalid instead of throwing.
 */

export type ScopeUrlState = {
  /** undefined = explicitly unrestricted (`unrestricted=1`); `{}` = nothing chosen yet. */
  scope?: AccessKeyScope;
  ttl?: number;
};

export type DecodedScopeUrlState = ScopeUrlState & {
  /** One line per part of the URL that was invalid and left out, e.g. `s=Demo/dev: project must …`. */
  dropped: string[];
};

export type SearchParamsInput =
  URLSearchParams | string | Record<string, string | string[] | undefined>;

const MAX_ENTRIES = 64;

function encodeValue(value: string): string {
  // Keep `/` readable: it is allowed in a query (RFC 3986) and separates project/name.
  return encodeURIComponent(value).replace(/%2F/gi, "/");
}

/** The query string (without `?`) for `state`. */
export function encodeScopeState(state: ScopeUrlState): string {
  const parts: [string, string][] = [];
  if (state.scope === undefined) {
    parts.push(["unrestricted", "1"]);
  } else {
    const scope = normalizeScope(state.scope);
    for (const p of scope.projects ?? []) parts.push(["p", p.project]);
    for (const s of scope.spaces ?? []) parts.push(["s", `${s.project}/${s.space}`]);
    for (const v of scope.virtualClusters ?? [])
      parts.push(["v", `${v.project}/${v.virtualCluster}`]);
    for (const c of scope.clusters ?? []) parts.push(["c", c.cluster]);
    if (scope.roles?.length) parts.push(["roles", toBase64Url(JSON.stringify(scope.roles))]);
    if (scope.allowLoftCli) parts.push(["cli", "1"]);
    if (scope.rules?.length) parts.push(["rules", toBase64Url(JSON.stringify(scope.rules))]);
  }
  if (state.ttl !== undefined) parts.push(["ttl", String(state.ttl)]);
  return parts.map(([k, v]) => `${k}=${encodeValue(v)}`).join("&");
}

function entriesOf(input: SearchParamsInput): [string, string][] {
  if (typeof input === "string")
    return [...new URLSearchParams(input.replace(/^\?/, "")).entries()];
  if (input instanceof URLSearchParams) return [...input.entries()];
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(input)) {
    if (Array.isArray(value)) for (const v of value) out.push([key, v]);
    else if (value !== undefined) out.push([key, value]);
  }
  return out;
}

type Issue = { path: PropertyKey[]; message: string };
const issueText = (issues: readonly Issue[]) =>
  issues.map((i) => `${i.path.length ? `${fieldPath(i.path)} ` : ""}${i.message}`).join("; ");

export function decodeScopeState(input: SearchParamsInput): DecodedScopeUrlState {
  const dropped: string[] = [];
  const scope: Required<Omit<AccessKeyScope, "allowLoftCli">> & { allowLoftCli: boolean } = {
    allowLoftCli: false,
    roles: [],
    projects: [],
    spaces: [],
    virtualClusters: [],
    clusters: [],
    rules: [],
  };
  const seen = new Set<string>();
  let ttl: number | undefined;
  let unrestricted = false;

  for (const [key, value] of entriesOf(input)) {
    const drop = (why: string) => dropped.push(`${key}=${value}: ${why}`);
    const once = () => {
      const id = `${key}=${value}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    };
    switch (key) {
      case "p": {
        const r = AccessKeyScopeProject.safeParse({ project: value });
        if (!r.success) drop(issueText(r.error.issues));
        else if (once()) scope.projects.push(r.data);
        break;
      }
      case "s":
      case "v": {
        const slash = value.indexOf("/");
        if (slash === -1) {
          drop(`expected project/${key === "s" ? "space" : "virtual-cluster"}`);
          break;
        }
        const project = value.slice(0, slash);
        const name = value.slice(slash + 1);
        const r =
          key === "s"
            ? AccessKeyScopeSpace.safeParse({ project, space: name })
            : AccessKeyScopeVirtualCluster.safeParse({ project, virtualCluster: name });
        if (!r.success) drop(issueText(r.error.issues));
        else if (once()) {
          if ("space" in r.data) scope.spaces.push(r.data);
          else scope.virtualClusters.push(r.data);
        }
        break;
      }
      case "c": {
        const r = AccessKeyScopeCluster.safeParse({ cluster: value });
        if (!r.success) drop(issueText(r.error.issues));
        else if (once()) scope.clusters.push(r.data);
        break;
      }
      case "roles":
        decodeList(value, "roles", AccessKeyScopeRole, scope.roles, (why) =>
          dropped.push(`roles: ${why}`),
        );
        break;
      case "cli":
        if (value === "1" || value === "true") scope.allowLoftCli = true;
        else if (value !== "0" && value !== "false") drop("expected 1 or 0");
        break;
      case "ttl": {
        const r = /^\d+$/.test(value) ? ttlSeconds.safeParse(Number(value)) : undefined;
        if (r?.success) ttl = r.data;
        else drop(r ? issueText(r.error.issues) : "expected a whole number of seconds");
        break;
      }
      case "rules":
        decodeList(value, "rules", AccessKeyScopeRule, scope.rules, (why) =>
          dropped.push(`rules: ${why}`),
        );
        break;
      case "unrestricted":
        if (value === "1" || value === "true") unrestricted = true;
        break;
      default:
      // Not ours (another feature's parameter): left alone, never echoed back.
    }
  }

  const named =
    scope.allowLoftCli ||
    scope.roles.length +
      scope.projects.length +
      scope.spaces.length +
      scope.virtualClusters.length +
      scope.clusters.length +
      scope.rules.length >
      0;
  if (unrestricted && named) {
    dropped.push("unrestricted=1: ignored, because the URL also names scope entries");
  }
  const result: DecodedScopeUrlState = { dropped };
  if (!unrestricted || named) result.scope = normalizeScope(scope);
  if (ttl !== undefined) result.ttl = ttl;
  return result;
}

function decodeList<T>(
  value: string,
  what: "rules" | "roles",
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
  },
  into: T[],
  drop: (why: string) => void,
) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(value));
  } catch {
    drop("not base64url-encoded JSON");
    return;
  }
  if (!Array.isArray(parsed)) {
    drop(`expected a list of ${what}`);
    return;
  }
  parsed.forEach((item: unknown, i) => {
    if (into.length >= MAX_ENTRIES) {
      drop(`${what}[${i}]: more than ${MAX_ENTRIES} ${what}`);
      return;
    }
    const r = schema.safeParse(item);
    if (r.success) into.push(r.data);
    else drop(`${what}[${i}]: ${issueText(r.error.issues)}`);
  });
}

export function toBase64Url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(value: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) throw new Error("not base64url");
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}
