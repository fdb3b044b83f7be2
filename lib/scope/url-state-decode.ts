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
import { fromBase64Url, type ScopeUrlState } from "./url-state";

/** Reading a builder URL (url-state.ts) on the server: each part is validated with the schema. */

export type DecodedScopeUrlState = ScopeUrlState & {
  /** One line per part of the URL that was invalid and left out, e.g. `s=Demo/dev: project must …`. */
  dropped: string[];
};

export type SearchParamsInput =
  URLSearchParams | string | Record<string, string | string[] | undefined>;

const MAX_ENTRIES = 64;

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
  let accessKey = false;

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
      case "credential":
        if (value === "accesskey") accessKey = true;
        else if (value !== "token") drop("expected accesskey or token");
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
  if (accessKey) result.credential = "accesskey";
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
