import { LineCounter, parseAllDocuments, stringify } from "yaml";
import { type StatusCause, validate } from "./causes";
import {
  API_VERSION,
  AccessKeyScope,
  type AccessKeyScopeRule,
  DirectClusterEndpointTokenCreate,
  DirectClusterEndpointTokenSpec,
  type GroupResources,
  TOKEN_KIND,
} from "./schema";

/**
 * The `DirectClusterEndpointToken` a scope builder's values stand for, its YAML, the equivalent
 * kubectl and curl commands, and the reverse: reading a pasted manifest, spec or scope.
 */

export type TokenRequestInput = { ttl?: number; scope?: AccessKeyScope };

export type TokenManifest = {
  apiVersion: typeof API_VERSION;
  kind: typeof TOKEN_KIND;
  metadata: Record<string, never>;
  spec: TokenRequestInput;
};

/** The path of the create endpoint below the management API base (`…/kubernetes/management`). */
export const TOKENS_PATH = `/apis/${API_VERSION}/directclusterendpointtokens`;

/** Shell variable the commands use for the access key. The key itself is never inlined. */
export const ACCESS_KEY_VARIABLE = "ACCESS_KEY";

/**
 * A copy of `scope` with empty lists, empty strings and `allowLoftCli: false` left out, keys in the
 * reference's order. A scope whose lists are all empty stays `{}` (it reaches nothing), which is not
 * the same as no scope (unrestricted).
 */
export function normalizeScope(scope: AccessKeyScope): AccessKeyScope {
  const out: AccessKeyScope = {};
  if (scope.allowLoftCli) out.allowLoftCli = true;
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
  if (scope.rules?.length) out.rules = scope.rules.map(normalizeRule);
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

export function manifestYaml(input: TokenRequestInput): string {
  return stringify(buildManifest(input), { lineWidth: 0 });
}

export function manifestJson(input: TokenRequestInput): string {
  return JSON.stringify(buildManifest(input), null, 2);
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

/**
 * `kubectl create` with the manifest on stdin, printing the issued token. kubectl must point at the
 * platform's management API (e.g. the context `vcluster platform login` / `loft login` writes).
 */
export function kubectlCommand(input: TokenRequestInput): string {
  return `kubectl create -o jsonpath='{.status.token}' -f - ${heredoc(manifestYaml(input))}`;
}

/** `curl` POSTing the manifest as JSON to `<baseUrl>/apis/management.loft.sh/v1/directclusterendpointtokens`. */
export function curlCommand(input: TokenRequestInput, baseUrl: string): string {
  const url = `${baseUrl.replace(/\/+$/, "")}${TOKENS_PATH}`;
  return [
    `curl -sS -X POST ${shellQuote(url)} \\`,
    `  -H "Authorization: Bearer $${ACCESS_KEY_VARIABLE}" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-binary @- ${heredoc(manifestJson(input))}`,
  ].join("\n");
}

export type ParsedManifest =
  | { ok: true; ttl?: number; scope?: AccessKeyScope }
  | { ok: false; error: string; causes?: StatusCause[] };

/** Pasted text above this size is refused rather than parsed. */
export const MAX_MANIFEST_LENGTH = 256 * 1024;

const SPEC_KEYS = new Set(["ttl", "scope"]);

/**
 * Reads a pasted `DirectClusterEndpointToken` (YAML or JSON), a bare spec (`{ttl, scope}`), or a
 * bare AccessKeyScope. Whatever is in `status` (an issued token) is ignored and never returned.
 * `{}` is read as an empty scope (which reaches nothing).
 */
export function parseManifest(text: string): ParsedManifest {
  if (!text.trim())
    return { ok: false, error: "Nothing to read: paste a manifest, spec or scope." };
  if (text.length > MAX_MANIFEST_LENGTH) {
    return { ok: false, error: `Too long: at most ${MAX_MANIFEST_LENGTH / 1024} KiB.` };
  }

  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs))
    return { ok: false, error: "Nothing to read: paste a manifest, spec or scope." };
  const nonEmpty = docs.filter((d) => d.contents !== null || d.errors.length > 0);
  if (nonEmpty.length > 1) {
    return { ok: false, error: `Found ${nonEmpty.length} YAML documents; paste one.` };
  }
  const doc = nonEmpty[0];
  if (!doc) return { ok: false, error: "Nothing to read: paste a manifest, spec or scope." };
  const problem = doc.errors[0];
  if (problem) {
    const at = lineCounter.linePos(problem.pos[0]);
    const message = problem.message.split("\n")[0] ?? problem.message;
    return {
      ok: false,
      error: `Not valid YAML or JSON (line ${at.line}, column ${at.col}): ${message}`,
    };
  }

  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return {
      ok: false,
      error: `Expected an object (a DirectClusterEndpointToken, its spec or an AccessKeyScope), got ${
        Array.isArray(value) ? "a list" : value === null ? "nothing" : `a ${typeof value}`
      }.`,
    };
  }
  const object = value as Record<string, unknown>;

  if ("apiVersion" in object || "kind" in object) {
    const result = validate(DirectClusterEndpointTokenCreate, object);
    if (!result.ok) return invalid(result.causes);
    return fromSpec(result.data.spec ?? {});
  }
  if ("spec" in object || "metadata" in object || "status" in object) {
    const result = validate(DirectClusterEndpointTokenCreate, {
      apiVersion: API_VERSION,
      kind: TOKEN_KIND,
      ...object,
    });
    if (!result.ok) return invalid(result.causes);
    return fromSpec(result.data.spec ?? {});
  }
  if (Object.keys(object).some((k) => SPEC_KEYS.has(k))) {
    const result = validate(DirectClusterEndpointTokenSpec, object);
    return result.ok ? fromSpec(result.data) : invalid(result.causes);
  }
  const result = validate(AccessKeyScope, object, ["scope"]);
  return result.ok ? { ok: true, scope: result.data } : invalid(result.causes);
}

function fromSpec(spec: TokenRequestInput): ParsedManifest {
  return {
    ok: true,
    ...(spec.ttl !== undefined ? { ttl: spec.ttl } : {}),
    ...(spec.scope !== undefined ? { scope: spec.scope } : {}),
  };
}

function invalid(causes: StatusCause[]): ParsedManifest {
  const lines = causes.map((c) =>
    c.reason === "FieldValueNotSupported" && c.message.startsWith("unknown field")
      ? `${c.field}: unknown field`
      : `${c.field || "(top level)"}: ${c.message}`,
  );
  return { ok: false, error: lines.join("; "), causes };
}
