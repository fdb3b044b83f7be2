import type { AccessRequest, AccessTarget } from "@/lib/scope/evaluate";
import { accessRequestOf } from "./activity-path";
import { requestInfoOf, type RequestInfo } from "./direct-request";
import { parseKubectl, type KubectlCommand } from "./activity-kubectl";
import type { KubectlOp } from "./activity-kubectl-ops";
import { shellCommands } from "./activity-shell";
import { consoleNameTarget, targetOfServer, type ServerBook } from "./activity-servers";

/**
 * A pasted kubectl line → its requests, each with the target its context or server names:
 * `--server`, else `--context` (or the current context: the kubeconfig's, or the last
 * `kubectl config use-context`) through the kubeconfig and declaration lines, else the console's
 * own context name (`dce_vcluster_<p>_<vc>`, …), else a `server = <URL>` line. The namespace is
 * `-n`, else the context's, else `default`; `-A` and cluster-scoped resources have none.
 */

export type KubectlLine =
  | { requests: AccessRequest[]; via: string; warnings: string[]; useContext?: string }
  | { error: string };

/** The line's kubectl commands' words (after `kubectl`); undefined when it has none. */
function kubectlWords(line: string): string[][] | { error: string } | undefined {
  const shell = shellCommands(line.replace(/^\s*\$\s+/, ""));
  if ("error" in shell) return shell;
  const found = shell.commands
    .map((words) => {
      let i = 0;
      while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++; // FOO=bar kubectl
      if (words[i] === "sudo") i++;
      return /(^|\/)kubectl(\.exe)?$/.test(words[i] ?? "") ? words.slice(i + 1) : undefined;
    })
    .filter((w): w is string[] => w !== undefined);
  return found.length ? found : undefined;
}

type Where = { target: AccessTarget; via: string; namespace?: string } | { error: string };

function whereOf(command: KubectlCommand, book: ServerBook, current: string | undefined): Where {
  const flag = (name: string) => {
    const v = command.flags.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const server = flag("server");
  const contextName = flag("context") ?? (server ? undefined : (current ?? book.currentContext));
  const context = contextName ? book.contexts.get(contextName) : undefined;
  const cluster = flag("cluster") ?? context?.cluster;
  const url = server ?? context?.server ?? (cluster ? book.clusters.get(cluster) : undefined);
  const namespace = context?.namespace;
  const withNs = (w: { target: AccessTarget; via: string }): Where =>
    namespace ? { ...w, namespace } : w;
  if (url) {
    const found = targetOfServer(url, book, contextName ?? cluster);
    return "error" in found
      ? found
      : withNs({
          target: found.target,
          via: server ? `--server ${url}` : `context ${contextName ?? cluster}`,
        });
  }
  const named =
    (contextName && consoleNameTarget(contextName)) || (cluster && consoleNameTarget(cluster));
  if (named)
    return withNs({ target: named, via: `the console's context name ${contextName ?? cluster}` });
  if (contextName) {
    return {
      error: `context ${contextName} is not known: paste the kubeconfig, or add a line "context ${contextName} = <server URL>"`,
    };
  }
  if (book.defaultServer) {
    const found = targetOfServer(book.defaultServer, book);
    return "error" in found ? found : { target: found.target, via: `server ${book.defaultServer}` };
  }
  return {
    error: `names no --context or --server, and no current context is known: paste the kubeconfig, or add --context`,
  };
}

function infoOf(op: KubectlOp, namespace: string): RequestInfo {
  if (op.rawPath !== undefined) {
    const q = op.rawPath.indexOf("?");
    const path = q === -1 ? op.rawPath : op.rawPath.slice(0, q);
    return requestInfoOf("GET", path, new URLSearchParams(q === -1 ? "" : op.rawPath.slice(q + 1)));
  }
  return {
    isResourceRequest: op.nonResourceURL === undefined,
    verb: op.verb ?? "",
    path: op.nonResourceURL ?? "",
    apiGroup: op.resource?.group ?? "",
    apiVersion: "",
    namespace,
    resource: op.resource?.resource ?? "",
    subresource: op.subresource ?? "",
    name: op.name ?? "",
    extra: [],
  };
}

export function readKubectlLine(
  line: string,
  book: ServerBook,
  current: string | undefined,
  prefix: string,
): KubectlLine | undefined {
  const commands = kubectlWords(line);
  if (!commands || "error" in commands) return commands;
  const requests: AccessRequest[] = [];
  const warnings: string[] = [];
  const vias: string[] = [];
  let useContext: string | undefined;
  for (const words of commands) {
    const command = parseKubectl(words);
    if ("error" in command) return command;
    if (command.warning) warnings.push(command.warning);
    if (command.useContext) useContext = current = command.useContext;
    if (command.ops.length === 0) continue;
    const where = whereOf(command, book, current);
    if ("error" in where) return where;
    vias.push(where.via);
    const all = command.flags.has("all-namespaces");
    const ns =
      typeof command.flags.get("namespace") === "string"
        ? (command.flags.get("namespace") as string)
        : (where.namespace ?? "default");
    for (const op of command.ops) {
      const namespace = op.namespace ?? (op.resource?.namespaced && !all ? ns : "");
      requests.push(accessRequestOf(where.target, infoOf(op, namespace), prefix));
    }
  }
  return {
    requests,
    via: [...new Set(vias)].join(", "),
    warnings,
    ...(useContext ? { useContext } : {}),
  };
}
