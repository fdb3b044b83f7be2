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

/** The builder page's URL with `input` as its query, as it was asked for: where signing in returns. */
export function builderHref(input: SearchParamsInput): string {
  const query = new URLSearchParams(entriesOf(input));
  return `/tokens/new${query.size ? `?${query}` : ""}`;
}

type Issue = { path: PropertyKey[]; message: string };
const issueText = (issues: readonly Issue[]) =>
  issues.map((i) => `${i.path.length ? `${fieldPath(i.path)} ` : ""}${i.message}`).join("; ");

type ScopeLists = Required<Omit<AccessKeyScope, "allowLoftCli">> & { allowLoftCli: boolean };

/** What the URL's parameters said so far, read one at a time. */
type Reading = {
  scope: ScopeLists;
  /** `key=value` of each scope entry already taken, so a repeated one is taken once. */
  seen: Set<string>;
  dropped: string[];
  ttl?: number;
  unrestricted: boolean;
  accessKey: boolean;
};

export function decodeScopeState(input: SearchParamsInput): DecodedScopeUrlState {
  const reading: Reading = {
    scope: {
      allowLoftCli: false,
      roles: [],
      projects: [],
      spaces: [],
      virtualClusters: [],
      clusters: [],
      rules: [],
    },
    seen: new Set(),
    dropped: [],
    unrestricted: false,
    accessKey: false,
  };
  for (const [key, value] of entriesOf(input)) readParameter(reading, key, value);
  return stateOf(reading);
}

/** Takes one parameter into `r`, or says in `r.dropped` why it was left out. */
function readParameter(r: Reading, key: string, value: string): void {
  const drop = (why: string) => r.dropped.push(`${key}=${value}: ${why}`);
  const once = () => {
    const id = `${key}=${value}`;
    if (r.seen.has(id)) return false;
    r.seen.add(id);
    return true;
  };
  switch (key) {
    case "p": {
      const parsed = AccessKeyScopeProject.safeParse({ project: value });
      if (!parsed.success) drop(issueText(parsed.error.issues));
      else if (once()) r.scope.projects.push(parsed.data);
      break;
    }
    case "s":
    case "v":
      readProjectEntry(r.scope, key, value, drop, once);
      break;
    case "c": {
      const parsed = AccessKeyScopeCluster.safeParse({ cluster: value });
      if (!parsed.success) drop(issueText(parsed.error.issues));
      else if (once()) r.scope.clusters.push(parsed.data);
      break;
    }
    case "roles":
      decodeList(value, "roles", AccessKeyScopeRole, r.scope.roles, (why) =>
        r.dropped.push(`roles: ${why}`),
      );
      break;
    case "cli":
      if (value === "1" || value === "true") r.scope.allowLoftCli = true;
      else if (value !== "0" && value !== "false") drop("expected 1 or 0");
      break;
    case "ttl": {
      const parsed = /^\d+$/.test(value) ? ttlSeconds.safeParse(Number(value)) : undefined;
      if (parsed?.success) r.ttl = parsed.data;
      else drop(parsed ? issueText(parsed.error.issues) : "expected a whole number of seconds");
      break;
    }
    case "rules":
      decodeList(value, "rules", AccessKeyScopeRule, r.scope.rules, (why) =>
        r.dropped.push(`rules: ${why}`),
      );
      break;
    case "unrestricted":
      if (value === "1" || value === "true") r.unrestricted = true;
      break;
    case "credential":
      if (value === "accesskey") r.accessKey = true;
      else if (value !== "token") drop("expected accesskey or token");
      break;
    default:
    // Not ours (another feature's parameter): left alone, never echoed back.
  }
}

/** `s=project/space` or `v=project/virtual-cluster`, into the scope's spaces or virtual clusters. */
function readProjectEntry(
  scope: ScopeLists,
  key: "s" | "v",
  value: string,
  drop: (why: string) => void,
  once: () => boolean,
): void {
  const slash = value.indexOf("/");
  if (slash === -1) {
    drop(`expected project/${key === "s" ? "space" : "virtual-cluster"}`);
    return;
  }
  const project = value.slice(0, slash);
  const name = value.slice(slash + 1);
  const parsed =
    key === "s"
      ? AccessKeyScopeSpace.safeParse({ project, space: name })
      : AccessKeyScopeVirtualCluster.safeParse({ project, virtualCluster: name });
  if (!parsed.success) drop(issueText(parsed.error.issues));
  else if (once()) {
    if ("space" in parsed.data) scope.spaces.push(parsed.data);
    else scope.virtualClusters.push(parsed.data);
  }
}

/**
 * The state the parameters read into `r` stand for. `unrestricted=1` beside scope entries is
 * ignored (and said so): the entries win.
 */
function stateOf(r: Reading): DecodedScopeUrlState {
  const { scope, dropped } = r;
  const named =
    scope.allowLoftCli ||
    scope.roles.length +
      scope.projects.length +
      scope.spaces.length +
      scope.virtualClusters.length +
      scope.clusters.length +
      scope.rules.length >
      0;
  if (r.unrestricted && named) {
    dropped.push("unrestricted=1: ignored, because the URL also names scope entries");
  }
  const result: DecodedScopeUrlState = { dropped };
  if (!r.unrestricted || named) result.scope = normalizeScope(scope);
  if (r.ttl !== undefined) result.ttl = r.ttl;
  if (r.accessKey) result.credential = "accesskey";
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
