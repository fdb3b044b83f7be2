/*
 * What a client printed when it was refused, read for the inspector's explanation: the HTTP code,
 * and the request when the text names it. Pure and browser-safe. Understood:
 * - a Kubernetes `Status` (JSON): its code, reason and message;
 * - kubectl's error lines: `error: You must be logged in to the server (Unauthorized)`,
 *   `Error from server (Forbidden): pods is forbidden: User "…" cannot list resource "pods" in API
 *   group "" in the namespace "web"`, `Error from server (NotFound): …`;
 * - a request line with its code, as `kubectl -v=6` prints it (`GET https://…/api/v1/pods 403
 *   Forbidden in 5 milliseconds`) or typed by hand (`https://…/api/v1/pods 403`, `curl -X DELETE …`
 *   followed by `HTTP/1.1 403`).
 */

export interface ClientOutput {
  /** The HTTP status the client got, when the text says it. */
  code?: number;
  /** The request's method and URL (absolute or a path), when the text names it. */
  method?: string;
  url?: string;
  /** What a kubectl "cannot <verb> resource" line names, when it has no URL. */
  verb?: string;
  resource?: string;
  group?: string;
  namespace?: string;
  /** The server's own words (a Status message, kubectl's error). */
  message?: string;
  /** The target's path prefix when the refusal names it (`/kubernetes/project/p/space/s`). */
  targetPath?: string;
  /** A non-resource request's path (`/api`), when the refusal names one. */
  path?: string;
}

const REASON_CODES: Record<string, number> = {
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  TooManyRequests: 429,
};

/** kubectl's words for a 401 when it does not print the code. */
const ASKED_FOR_CREDENTIALS = /the server has asked for the client to provide credentials/;

const METHOD = /\b(GET|POST|PUT|PATCH|DELETE|HEAD)\b/;
const URL_RE = /(https?:\/\/[^\s"'<>]+|\/kubernetes\/[^\s"'<>]+)/;

function fromStatus(text: string): ClientOutput | undefined {
  const start = text.indexOf("{");
  if (start === -1) return undefined;
  try {
    const value = JSON.parse(text.slice(start)) as Record<string, unknown>;
    if (value.kind !== "Status") return undefined;
    const code = typeof value.code === "number" ? value.code : undefined;
    return { code, message: typeof value.message === "string" ? value.message : undefined };
  } catch {
    return undefined;
  }
}

/**
 * Kubernetes' `… cannot list resource "pods" in API group "apps" in the namespace "web"`, and a
 * direct endpoint's `… does not allow list on resource "pods" in the namespace "web" of virtual
 * cluster x of project default`, which names the target too.
 */
const REFUSED_REQUEST =
  /(?:cannot (\w+) resource|(?:does|may) not allow (\w+) on resource) "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)")?(?: at the cluster scope)?(?: of (virtual cluster|space) ([a-z0-9.-]+) of project ([a-z0-9-]+)| of cluster ([a-z0-9.-]+))?/;

/** A direct endpoint's refusal of a non-resource request: `… does not allow get on path "/api" of …`. */
const REFUSED_PATH =
  /(?:does|may) not allow (\w+) on path "([^"]+)"(?: of (virtual cluster|space) ([a-z0-9.-]+) of project ([a-z0-9-]+)| of cluster ([a-z0-9.-]+))?/;

function targetPathOf(kind?: string, instance?: string, project?: string, cluster?: string) {
  if (project)
    return `/kubernetes/project/${project}/${kind === "space" ? "space" : "virtualcluster"}/${instance}`;
  return cluster ? "/kubernetes/cluster" : undefined;
}

function fromCannot(raw: string): Partial<ClientOutput> {
  // kubectl quotes the server's words inside err="…", escaping their quotes.
  const line = raw.replace(/\\"/g, '"');
  const path = REFUSED_PATH.exec(line);
  if (path) {
    const [, verb, nonResource, kind, instance, project, cluster] = path;
    const targetPath = targetPathOf(kind, instance, project, cluster);
    return { verb, path: nonResource, ...(targetPath ? { targetPath } : {}) };
  }
  const cannot = REFUSED_REQUEST.exec(line);
  if (!cannot) return {};
  const [, verb, allowVerb, resource, group, namespace, kind, instance, project, cluster] = cannot;
  const targetPath = targetPathOf(kind, instance, project, cluster);
  return {
    verb: verb ?? allowVerb,
    resource,
    group: group ?? "",
    ...(namespace ? { namespace } : {}),
    ...(targetPath ? { targetPath } : {}),
  };
}

function fromLines(text: string): ClientOutput {
  const out: ClientOutput = {};
  for (const line of text.split(/\r?\n/)) {
    const url = URL_RE.exec(line)?.[1];
    if (url && !out.url) {
      out.url = url.replace(/[),.;]+$/, "");
      out.method =
        METHOD.exec(line)?.[1] ?? (/-X\s*(\w+)/.exec(line)?.[1]?.toUpperCase() || undefined);
      const after = line.slice(line.indexOf(url) + url.length);
      const code = /^\s*(?:->\s*|→\s*)?(\d{3})\b/.exec(after)?.[1];
      if (code) out.code = Number(code);
    }
    const http = /^HTTP\/[\d.]+\s+(\d{3})\b/.exec(line.trim())?.[1];
    if (http) out.code ??= Number(http);
    const server =
      /^(?:error|Error from server)\s*\((\w+)\)|\((Unauthorized|Forbidden|NotFound)\)\s*$/.exec(
        line.trim(),
      );
    const reason =
      server?.[1] ?? server?.[2] ?? (ASKED_FOR_CREDENTIALS.test(line) ? "Unauthorized" : undefined);
    if (reason && REASON_CODES[reason]) {
      out.code ??= REASON_CODES[reason];
      out.message ??= line.trim();
    }
    Object.assign(out, { ...fromCannot(line), ...out });
  }
  return out;
}

/** What the text says about the refusal; `{}` when it says nothing this reader knows. */
export function readClientOutput(text: string): ClientOutput {
  const trimmed = text.trim();
  if (!trimmed) return {};
  const status = fromStatus(trimmed);
  const lines = fromLines(trimmed);
  return { ...lines, ...(status ?? {}), ...(status?.code ? {} : { code: lines.code }) };
}

/** The HTTP method of a Kubernetes verb (`list` → GET, `create` → POST, …). */
export const VERB_METHOD: Record<string, string> = {
  get: "GET",
  list: "GET",
  watch: "GET",
  create: "POST",
  update: "PUT",
  patch: "PATCH",
  delete: "DELETE",
  deletecollection: "DELETE",
};

/**
 * The request to explain: the printed URL (relative to `server` when it is a path), else the
 * refusal's verb and resource under the target it names, or under `server` (the kubeconfig's server
 * URL). Undefined when nothing names a target.
 */
export function requestOfOutput(
  output: ClientOutput,
  server: string | undefined,
): { method: string; path: string } | undefined {
  const base = server?.trim().replace(/\/+$/, "");
  if (output.url) {
    const absolute = /^https?:\/\//i.test(output.url)
      ? output.url
      : `${base ?? "https://host"}${output.url}`;
    try {
      const url = new URL(absolute);
      return { method: output.method ?? "GET", path: `${url.pathname}${url.search}` };
    } catch {
      return undefined;
    }
  }
  if ((!output.resource && !output.path) || !output.verb) return undefined;
  let root = output.targetPath;
  if (!root) {
    if (!base) return undefined;
    try {
      root = new URL(base).pathname.replace(/\/+$/, "");
    } catch {
      return undefined;
    }
  }
  if (output.path)
    return { method: VERB_METHOD[output.verb] ?? "GET", path: `${root}${output.path}` };
  const version = output.group ? `/apis/${output.group}/v1` : "/api/v1";
  const namespaced = output.namespace ? `/namespaces/${output.namespace}` : "";
  const watch = output.verb === "watch" ? "?watch=1" : "";
  return {
    method: VERB_METHOD[output.verb] ?? "GET",
    path: `${root}${version}${namespaced}/${output.resource}${watch}`,
  };
}
