import type { AccessRequest } from "@/lib/scope/evaluate";
import { DEFAULT_PROJECT_NAMESPACE_PREFIX } from "@/lib/scope/constants";
import { readAuditLine, type AuditOutcome } from "./activity-audit";
import { readKubectlLine } from "./activity-kubectl-line";
import { emptyBook, readDeclaration, readKubeconfig, type ServerBook } from "./activity-servers";

/**
 * What a job did, pasted as text → the requests it made, for proposing the narrowest scope
 * (propose-scope.ts). Each line is one of:
 * - a Kubernetes audit event (`audit.k8s.io/v1` `Event` JSON, one per line; activity-audit.ts);
 * - a kubectl command line (`kubectl --context dce_vcluster_default_x get pods -n web`,
 *   `$ kubectl get deploy -A --server https://host/kubernetes/project/default/virtualcluster/x`;
 *   activity-kubectl*.ts);
 * - a declaration saying where contexts and logs point (`context <name> = <URL>`,
 *   `cluster <name> = <URL>`, `cluster = <name>`, `server = <URL>`; activity-servers.ts);
 * - a pasted kubeconfig (a YAML block starting at `apiVersion:`, `kind:`, `clusters:`, … in the
 *   first column), or one given apart as `options.kubeconfig`;
 * - blank, or a `#` comment.
 * Declarations and kubeconfigs apply to every line, wherever they stand. Anything else is
 * reported with its line number and why, never dropped silently. Pure and browser-safe.
 */

export type ActivityOutcome = AuditOutcome;

export interface ActivityRequest {
  /** 1-based line of the pasted text. */
  line: number;
  source: "audit" | "kubectl";
  request: AccessRequest;
  /** kubectl lines are `unknown`; audit events say (401/403 or `forbid` = `refused`). */
  outcome: ActivityOutcome;
  /** How a kubectl line's target was found, e.g. `context dce_vcluster_default_x`. */
  via?: string;
}

export interface ActivityProblem {
  /** 1-based line of the pasted text; 0 = `options.kubeconfig`. */
  line: number;
  /** `error`: the line is not used; `warning`: used, with a caveat. */
  level: "error" | "warning";
  message: string;
}

export interface ParsedActivity {
  requests: ActivityRequest[];
  problems: ActivityProblem[];
}

export interface ActivityOptions {
  /** The platform's project namespace prefix (Self `status.projectNamespacePrefix`); `p-` when unknown. */
  projectNamespacePrefix?: string;
  /** A kubeconfig pasted apart from the activity. */
  kubeconfig?: string;
}

const YAML_START = /^(apiVersion|kind|clusters|contexts|users|current-context|preferences)\s*:/;
/** A line that continues a YAML block: indented, a top-level sequence item, a key, a comment. */
const YAML_MORE = /^(\s|-(\s|$)|#|[A-Za-z][\w-]*:(\s|$)|$)/;

/** Pass 1: kubeconfig blocks and declarations into `book`; the other lines' indexes. */
function readSetup(lines: string[], book: ServerBook, problems: ActivityProblem[]): number[] {
  const rest: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed === "---") continue;
    if (YAML_START.test(line)) {
      let end = i + 1;
      while (end < lines.length && lines[end] !== "---" && YAML_MORE.test(lines[end]!)) end++;
      const error = readKubeconfig(lines.slice(i, end).join("\n"), book);
      if (error) problems.push({ line: i + 1, level: "error", message: `kubeconfig: ${error}` });
      i = end - 1;
      continue;
    }
    const declared = readDeclaration(trimmed, book);
    if (typeof declared === "string")
      problems.push({ line: i + 1, level: "error", message: declared });
    else if (!declared) rest.push(i);
  }
  return rest;
}

export function parseActivity(text: string, options: ActivityOptions = {}): ParsedActivity {
  const prefix = options.projectNamespacePrefix ?? DEFAULT_PROJECT_NAMESPACE_PREFIX;
  const book = emptyBook();
  const problems: ActivityProblem[] = [];
  if (options.kubeconfig?.trim()) {
    const error = readKubeconfig(options.kubeconfig, book);
    if (error) problems.push({ line: 0, level: "error", message: `kubeconfig: ${error}` });
  }
  const lines = text.split(/\r?\n/);
  const requests: ActivityRequest[] = [];
  const byAuditID = new Map<string, number>();
  let current: string | undefined;
  for (const i of readSetup(lines, book, problems)) {
    const line = i + 1;
    const trimmed = lines[i]!.trim();
    if (trimmed.startsWith("{")) {
      const read = readAuditLine(trimmed, book, prefix);
      if ("error" in read) {
        problems.push({ line, level: "error", message: read.error });
        continue;
      }
      for (const event of read.events) {
        const entry: ActivityRequest = {
          line,
          source: "audit",
          request: event.request,
          outcome: event.outcome,
        };
        // One request is logged at several stages: the last one seen stands for it.
        const known = event.auditID === undefined ? undefined : byAuditID.get(event.auditID);
        if (known !== undefined) requests[known] = entry;
        else {
          if (event.auditID !== undefined) byAuditID.set(event.auditID, requests.length);
          requests.push(entry);
        }
      }
      continue;
    }
    const read = readKubectlLine(trimmed, book, current, prefix);
    if (!read) {
      problems.push({
        line,
        level: "error",
        message:
          "not a kubectl command, an audit event (JSON), a kubeconfig or a declaration (context <name> = <URL>)",
      });
    } else if ("error" in read) {
      problems.push({ line, level: "error", message: read.error });
    } else {
      if (read.useContext) current = read.useContext;
      for (const message of read.warnings) problems.push({ line, level: "warning", message });
      for (const request of read.requests) {
        requests.push({ line, source: "kubectl", request, outcome: "unknown", via: read.via });
      }
    }
  }
  return { requests, problems: problems.sort((a, b) => a.line - b.line) };
}
