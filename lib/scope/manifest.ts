import { ACCESS_KEY_KIND, ACCESS_KEY_TYPE, API_VERSION, TOKEN_KIND } from "./constants";
import type { AccessKeyScope, AccessKeyScopeRule, GroupResources } from "./schema";

/**
 * The `DirectClusterEndpointToken` or `OwnedAccessKey` a scope builder's values stand for, as JSON
 * and as the equivalent curl command. Their YAML, the kubectl commands and reading a pasted manifest
 * are in manifest-yaml.ts, apart so that /tokens/new's first load carries neither the YAML library
 * nor zod (the measured figure is there). The access key object is also what the create action
 * sends, so the preview shows the request itself.
 */

export type TokenRequestInput = { ttl?: number; scope?: AccessKeyScope };

export type TokenManifest = {
  apiVersion: typeof API_VERSION;
  kind: typeof TOKEN_KIND;
  metadata: Record<string, never>;
  spec: TokenRequestInput;
};

/** The paths of the create endpoints below the management API base (`…/kubernetes/management`). */
const TOKENS_PATH = `/apis/${API_VERSION}/directclusterendpointtokens`;
export const ACCESS_KEYS_PATH = `/apis/${API_VERSION}/ownedaccesskeys`;

/** What the user chooses of an access key's spec (owner, type and name come from the session). */
export type AccessKeySpecInput = {
  displayName: string;
  description?: string;
  ttl?: number;
  ttlAfterLastActivity?: boolean;
  scope?: AccessKeyScope;
};

/** Who owns a new key: the signed-in principal (a user, or a team for a team's key). */
export type AccessKeyOwner = { kind: "User" | "Team"; name: string };

export type OwnedAccessKeyManifest = {
  apiVersion: typeof API_VERSION;
  kind: typeof ACCESS_KEY_KIND;
  metadata: { generateName: string };
  spec: Omit<AccessKeySpecInput, "displayName"> & {
    displayName: string;
    type: typeof ACCESS_KEY_TYPE;
    user?: string;
    team?: string;
  };
};

/** Shell variable the commands use for the access key. The key itself is never inlined. */
const ACCESS_KEY_VARIABLE = "ACCESS_KEY";

/**
 * A copy of `scope` with empty lists, empty strings and `allowLoftCli: false` left out, keys in the
 * reference's order. A scope whose lists are all empty stays `{}` (it reaches nothing), which is not
 * the same as no scope (unrestricted).
 */
export function normalizeScope(scope: AccessKeyScope): AccessKeyScope {
  const out: AccessKeyScope = {};
  if (scope.roles?.length) {
    out.roles = scope.roles.map((r) => ({
      role: r.role,
      ...(r.projects?.length ? { projects: [...r.projects] } : {}),
      ...(r.virtualClusters?.length ? { virtualClusters: [...r.virtualClusters] } : {}),
    }));
  }
  if (scope.projects?.length) out.projects = scope.projects.map((p) => ({ project: p.project }));
  if (scope.spaces?.length) {
    out.spaces = scope.spaces.map((s) => ({ project: s.project, space: s.space }));
  }
  if (scope.virtualClusters?.length) {
    out.virtualClusters = scope.virtualClusters.map((v) => ({
      project: v.project,
      virtualCluster: v.virtualCluster,
    }));
  }
  if (scope.clusters?.length) out.clusters = scope.clusters.map((c) => ({ cluster: c.cluster }));
  if (scope.rules?.length) out.rules = scope.rules.map(normalizeRule);
  if (scope.allowLoftCli) out.allowLoftCli = true;
  return out;
}

function normalizeRule(rule: AccessKeyScopeRule): AccessKeyScopeRule {
  const out: AccessKeyScopeRule = {};
  if (rule.verbs?.length) out.verbs = [...rule.verbs];
  if (rule.resources?.length) out.resources = rule.resources.map(normalizeGroupResources);
  if (rule.namespaces?.length) out.namespaces = [...rule.namespaces]; // "" is meaningful here
  if (rule.nonResourceURLs?.length) out.nonResourceURLs = [...rule.nonResourceURLs];
  if (rule.requestTargets?.length) out.requestTargets = [...rule.requestTargets];
  if (rule.cluster) out.cluster = rule.cluster;
  if (rule.virtualClusters?.length) {
    out.virtualClusters = rule.virtualClusters.map((vc) => ({
      ...(vc.name ? { name: vc.name } : {}),
      ...(vc.namespace ? { namespace: vc.namespace } : {}),
    }));
  }
  return out;
}

function normalizeGroupResources(gr: GroupResources): GroupResources {
  // `group` is always written: `group: ""` says "core API group" to a reader of the YAML.
  const out: GroupResources = { group: gr.group ?? "" };
  if (gr.resources?.length) out.resources = [...gr.resources];
  if (gr.resourceNames?.length) out.resourceNames = [...gr.resourceNames];
  return out;
}

export function buildManifest(input: TokenRequestInput): TokenManifest {
  const spec: TokenRequestInput = {};
  if (input.ttl !== undefined) spec.ttl = input.ttl;
  if (input.scope !== undefined) spec.scope = normalizeScope(input.scope);
  return { apiVersion: API_VERSION, kind: TOKEN_KIND, metadata: {}, spec };
}

export function manifestJson(input: TokenRequestInput): string {
  return JSON.stringify(buildManifest(input), null, 2);
}

const GENERATE_NAME_STEM = 40;

/**
 * `metadata.generateName` for a key named `displayName`: a lowercase DNS label prefix made of it
 * ("CI deploys (payments)" → `ci-deploys-payments-`), `access-key-` when nothing of it is left. The
 * platform appends a random suffix, as Kubernetes does.
 */
export function generateNameFor(displayName: string): string {
  const stem = displayName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents, split off by NFKD: "é" → "e"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, GENERATE_NAME_STEM)
    .replace(/^-+|-+$/g, "");
  return `${stem || "access-key"}-`;
}

/**
 * The `OwnedAccessKey` to create for `owner`, as the official CLI writes one: type `User`, owned by
 * `spec.user` (a team's key by `spec.team`), fields left out when empty, the scope normalized.
 */
export function ownedAccessKeyObject(
  input: AccessKeySpecInput,
  owner: AccessKeyOwner,
): OwnedAccessKeyManifest {
  const displayName = input.displayName.trim();
  const description = input.description?.trim();
  return {
    apiVersion: API_VERSION,
    kind: ACCESS_KEY_KIND,
    metadata: { generateName: generateNameFor(displayName) },
    spec: {
      displayName,
      ...(description ? { description } : {}),
      type: ACCESS_KEY_TYPE,
      ...(owner.kind === "Team" ? { team: owner.name } : { user: owner.name }),
      ...(input.ttl !== undefined ? { ttl: input.ttl } : {}),
      ...(input.ttlAfterLastActivity ? { ttlAfterLastActivity: true } : {}),
      ...(input.scope !== undefined ? { scope: normalizeScope(input.scope) } : {}),
    },
  };
}

/** A heredoc delimiter that no line of `body` equals. */
function heredocDelimiter(body: string): string {
  const lines = new Set(body.split("\n"));
  let delimiter = "EOF";
  for (let i = 1; lines.has(delimiter); i++) delimiter = `EOF${i}`;
  return delimiter;
}

/** `<<'EOF'` + body + delimiter line; the delimiter is quoted so the shell expands nothing. */
export function heredoc(body: string): string {
  const text = body.endsWith("\n") ? body : `${body}\n`;
  const delimiter = heredocDelimiter(text);
  return `<<'${delimiter}'\n${text}${delimiter}`;
}

/** Single-quotes a word for POSIX shells. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Where the secret is in a create response: a token's `status.token`, a key's `spec.key`. */
export const TOKEN_JSONPATH = "{.status.token}";
export const ACCESS_KEY_JSONPATH = "{.spec.key}";

/**
 * `kubectl create` with a manifest (YAML or JSON) on stdin, printing the issued token (or, with
 * ACCESS_KEY_JSONPATH, the new access key). kubectl must point at the platform's management API
 * (e.g. the context `vcluster platform login` writes).
 */
export function kubectlCommandFor(manifestText: string, jsonPath = TOKEN_JSONPATH): string {
  return `kubectl create -o jsonpath='${jsonPath}' -f - ${heredoc(manifestText)}`;
}

/** `curl` POSTing the manifest as JSON to `<baseUrl>/apis/management.loft.sh/v1/directclusterendpointtokens`. */
export function curlCommand(input: TokenRequestInput, baseUrl: string): string {
  return curlPost(`${baseUrl.replace(/\/+$/, "")}${TOKENS_PATH}`, manifestJson(input));
}

/** `curl` POSTing the access key object as JSON to `<baseUrl>/apis/management.loft.sh/v1/ownedaccesskeys`. */
export function accessKeyCurlCommand(object: OwnedAccessKeyManifest, baseUrl: string): string {
  return curlPost(
    `${baseUrl.replace(/\/+$/, "")}${ACCESS_KEYS_PATH}`,
    JSON.stringify(object, null, 2),
  );
}

function curlPost(url: string, json: string): string {
  return [
    `curl -sS -X POST ${shellQuote(url)} \\`,
    `  -H "Authorization: Bearer $${ACCESS_KEY_VARIABLE}" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-binary @- ${heredoc(json)}`,
  ].join("\n");
}
