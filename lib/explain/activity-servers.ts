import { parse } from "yaml";
import type { AccessTarget } from "@/lib/scope/evaluate";
import { splitPath } from "./activity-path";

/**
 * Which server a kubectl context (or a prefix-less audit log) talks to, and which target that server
 * is. Filled from a pasted kubeconfig (`clusters`, `contexts`, `current-context`) and from
 * declaration lines in the activity text:
 * - `context <name> = <server URL>`: the context talks to that server;
 * - `cluster <name> = <server URL>`: the kubeconfig cluster `<name>` (for `--cluster`), and the
 *   platform cluster `<name>` when the URL is a cluster's direct endpoint (`…/kubernetes/cluster`);
 * - `cluster = <name>`: requests to `/kubernetes/cluster` that name no cluster are to `<name>`;
 * - `server = <server URL>`: audit events whose requestURI has no `/kubernetes/…` prefix (a target's
 *   own log), and kubectl lines with no context or server, went there.
 * The console's own context names (`dce_vcluster_<p>_<vc>`, `dce_space_<p>_<s>`, `dce_cluster_<c>`,
 * lib/kubeconfig/assemble.ts) name their target even without a server.
 */

export type ContextEntry = { server?: string; cluster?: string; namespace?: string };

export interface ServerBook {
  contexts: Map<string, ContextEntry>;
  /** Kubeconfig cluster name → server URL. */
  clusters: Map<string, string>;
  /** A cluster direct endpoint's URL (normalised) → the platform cluster's name. */
  platformClusters: Map<string, string>;
  defaultCluster?: string;
  defaultServer?: string;
  currentContext?: string;
}

export const emptyBook = (): ServerBook => ({
  contexts: new Map(),
  clusters: new Map(),
  platformClusters: new Map(),
});

const CONSOLE_INSTANCE = /^dce_(vcluster|space)_([a-z0-9-]+)_([a-z0-9-]+)$/;
const CONSOLE_CLUSTER = /^dce_cluster_([A-Za-z0-9.-]+)$/;

/** The target a context or cluster name of the console's own kubeconfigs stands for. */
export function consoleNameTarget(name: string): AccessTarget | undefined {
  const instance = CONSOLE_INSTANCE.exec(name);
  if (instance) {
    const [, kind, project, target] = instance as unknown as [string, string, string, string];
    return kind === "space"
      ? { kind: "ProjectSpace", project, space: target }
      : { kind: "ProjectVirtualCluster", project, virtualCluster: target };
  }
  const cluster = CONSOLE_CLUSTER.exec(name);
  return cluster ? { kind: "Cluster", cluster: cluster[1]! } : undefined;
}

/** `https://h:443/kubernetes/cluster/` and `https://h/kubernetes/cluster` are the same endpoint. */
export function normaliseServer(server: string): string | undefined {
  try {
    const url = new URL(server);
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return undefined;
  }
}

const DECLARATION = /^(context|cluster|server)(?:\s+([^\s=]+))?\s*=\s*(.+?)\s*$/;

/** True for a declaration line (above); records it. An error message when it is malformed. */
export function readDeclaration(line: string, book: ServerBook): boolean | string {
  const match = DECLARATION.exec(line);
  if (!match) return false;
  const [, word, name, value] = match as unknown as [string, string, string | undefined, string];
  if (word === "cluster" && !name) {
    book.defaultCluster = value;
    return true;
  }
  const server = normaliseServer(value);
  if (!server) return `${value} is not a URL (expected https://host/kubernetes/…)`;
  if (word === "server") {
    if (name) return "a server line takes no name: server = <URL>";
    book.defaultServer = server;
  } else if (!name) {
    return "a context line needs a name: context <name> = <URL>";
  } else if (word === "context") {
    book.contexts.set(name, { ...book.contexts.get(name), server });
  } else {
    book.clusters.set(name, server);
    if (new URL(server).pathname === "/kubernetes/cluster") {
      book.platformClusters.set(server, consoleClusterName(name) ?? name);
    }
  }
  return true;
}

const consoleClusterName = (name: string) => {
  const target = consoleNameTarget(name);
  return target?.kind === "Cluster" ? target.cluster : undefined;
};

type Named = { name?: unknown };
const entries = (value: unknown): Named[] =>
  Array.isArray(value) ? value.filter((v): v is Named => typeof v === "object" && v !== null) : [];
const str = (value: unknown) => (typeof value === "string" && value ? value : undefined);

/** Adds a kubeconfig's clusters and contexts to `book`; an error message when it is not one. */
export function readKubeconfig(text: string, book: ServerBook): string | undefined {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return `not valid YAML: ${(error as Error).message.split("\n")[0]}`;
  }
  if (typeof doc !== "object" || doc === null) return "not a kubeconfig (no clusters or contexts)";
  const config = doc as Record<string, unknown>;
  if (!Array.isArray(config.clusters) && !Array.isArray(config.contexts)) {
    return "not a kubeconfig (no clusters or contexts)";
  }
  for (const c of entries(config.clusters)) {
    const name = str(c.name);
    const server = str((c as { cluster?: { server?: unknown } }).cluster?.server);
    const normal = server && normaliseServer(server);
    if (!name || !normal) continue;
    book.clusters.set(name, normal);
    const platform = consoleClusterName(name);
    if (platform && new URL(normal).pathname === "/kubernetes/cluster") {
      book.platformClusters.set(normal, platform);
    }
  }
  for (const c of entries(config.contexts)) {
    const name = str(c.name);
    const context = (c as { context?: Record<string, unknown> }).context ?? {};
    if (!name) continue;
    const cluster = str(context.cluster);
    const namespace = str(context.namespace);
    book.contexts.set(name, { cluster, namespace, ...book.contexts.get(name) });
  }
  book.currentContext ??= str(config["current-context"]);
  return undefined;
}

export type ServerTarget = { target: AccessTarget; base: string } | { error: string };

/**
 * The target a server URL serves. `hint` is a context or cluster name that may name the cluster
 * when the URL is a cluster's direct endpoint (which names none).
 */
export function targetOfServer(server: string, book: ServerBook, hint?: string): ServerTarget {
  const normal = normaliseServer(server);
  if (!normal) return { error: `${server} is not a URL` };
  const split = splitPath(new URL(normal).pathname);
  if (!split || split.rest !== "/") {
    return {
      error: `server ${normal} is not a direct endpoint (…/kubernetes/project/<p>/virtualcluster/<vc>, …/space/<s>, …/kubernetes/cluster) or the management API (…/kubernetes/management)`,
    };
  }
  if (split.target) return { target: split.target, base: split.base };
  const cluster =
    book.platformClusters.get(normal) ??
    (hint ? consoleClusterName(hint) : undefined) ??
    book.defaultCluster;
  if (!cluster) return { error: unnamedClusterError(normal) };
  return { target: { kind: "Cluster", cluster }, base: split.base };
}

export const unnamedClusterError = (where: string) =>
  `${where} is a cluster's direct endpoint, which does not name the cluster: add a line "cluster <name> = ${where}" (or "cluster = <name>")`;
