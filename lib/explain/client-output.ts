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
}

const REASON_CODES: Record<string, number> = {
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  TooManyRequests: 429,
};

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

/** `… cannot list resource "pods" in API group "apps" in the namespace "web"` */
function fromCannot(line: string): Partial<ClientOutput> {
  const cannot =
    /cannot (\w+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)")?/.exec(
      line,
    );
  if (!cannot) return {};
  return {
    verb: cannot[1],
    resource: cannot[2],
    group: cannot[3] ?? "",
    ...(cannot[4] ? { namespace: cannot[4] } : {}),
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
    const reason = server?.[1] ?? server?.[2];
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
 * kubectl line's verb and resource under `server` (the kubeconfig's server URL). Undefined when
 * neither names a target.
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
  if (!base || !output.resource || !output.verb) return undefined;
  let root: string;
  try {
    root = new URL(base).pathname.replace(/\/+$/, "");
  } catch {
    return undefined;
  }
  const version = output.group ? `/apis/${output.group}/v1` : "/api/v1";
  const namespaced = output.namespace ? `/namespaces/${output.namespace}` : "";
  const watch = output.verb === "watch" ? "?watch=1" : "";
  return {
    method: VERB_METHOD[output.verb] ?? "GET",
    path: `${root}${version}${namespaced}/${output.resource}${watch}`,
  };
}
