import { HANDLERS, type Flags, type KubectlOp } from "./activity-kubectl-ops";

/**
 * One kubectl command's words → its flags, subcommand and requests. Flags are read as kubectl's
 * (pflag) parser reads them: `--name value`, `--name=value`, `-n value`, `-nvalue`, `-n=value`,
 * combined short booleans (`-it`), and `--` ending them (`exec pod -- sh`).
 */

export type KubectlCommand = {
  flags: Flags;
  /** The subcommand (`get`, `rollout`, …), with the words after it. */
  sub: string;
  args: string[];
  ops: KubectlOp[];
  /** Said about a command that is understood with a caveat (makes no request, forwards any). */
  warning?: string;
  /** `kubectl config use-context <name>`: later lines without a context use it. */
  useContext?: string;
};

/** Long flags that take a value (every other long flag is a boolean unless written `--x=v`). */
const VALUE_FLAGS = new Set(
  (
    "context cluster server namespace kubeconfig user token as as-group as-uid request-timeout " +
    "certificate-authority client-certificate client-key tls-server-name cache-dir v vmodule log-file " +
    "output selector filename kustomize container field-selector sort-by template label-columns raw " +
    "patch type image replicas timeout for since since-time tail field-manager grace-period port " +
    "target-port protocol name env overrides subresource from-literal from-file from-env-file " +
    "docker-server docker-username docker-password docker-email cert key schedule current-replicas " +
    "resource-version to-revision max min cpu-percent containers verb resource clusterrole role " +
    "serviceaccount group rule class default-backend annotation hard scopes min-available " +
    "max-unavailable value description duration audience bound-object-kind bound-object-name " +
    "bound-object-uid profile copy-to chunk-size address limit-bytes max-log-requests " +
    "pod-running-timeout restart labels prune-allowlist username password"
  ).split(" "),
);

const SHORT: Record<string, string> = {
  n: "namespace",
  A: "all-namespaces",
  s: "server",
  o: "output",
  l: "selector",
  f: "filename",
  k: "kustomize",
  c: "container",
  p: "patch",
  w: "watch",
  i: "stdin",
  t: "tty",
  L: "label-columns",
  R: "recursive",
  v: "v",
  q: "quiet",
};

/** In these, `-f` is `--follow` and `-p` is `--previous` (booleans). */
const FOLLOWING = new Set(["logs", "attach", "exec", "run", "debug"]);

function longName(short: string, sub: string | undefined): string {
  if (sub && FOLLOWING.has(sub) && short === "f") return "follow";
  if (sub && FOLLOWING.has(sub) && short === "p") return "previous";
  return SHORT[short] ?? short;
}

type Split = { flags: Flags; positional: string[] } | { error: string };

/** Flags and positional words (the subcommand first); words after `--` are dropped. */
export function splitFlags(words: string[]): Split {
  const flags: Flags = new Map();
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === "--") break;
    const sub = positional[0];
    if (w.startsWith("--")) {
      const eq = w.indexOf("=");
      const name = eq === -1 ? w.slice(2) : w.slice(2, eq);
      if (eq !== -1) flags.set(name, w.slice(eq + 1));
      else if (!VALUE_FLAGS.has(name)) flags.set(name, true);
      else if (i + 1 < words.length) flags.set(name, words[++i]!);
      else return { error: `flag --${name} needs a value` };
    } else if (w.startsWith("-") && w.length > 1) {
      const name = longName(w[1]!, sub);
      if (!VALUE_FLAGS.has(name)) {
        for (const c of w.slice(1)) flags.set(longName(c, sub), true);
      } else if (w.length > 2) flags.set(name, w.slice(2).replace(/^=/, ""));
      else if (i + 1 < words.length) flags.set(name, words[++i]!);
      else return { error: `flag ${w} needs a value` };
    } else positional.push(w);
  }
  return { flags, positional };
}

/** The words after `kubectl` → the command, or why it cannot be read. */
export function parseKubectl(words: string[]): KubectlCommand | { error: string } {
  const split = splitFlags(words);
  if ("error" in split) return split;
  const { flags, positional } = split;
  const [sub, ...args] = positional;
  if (!sub) return { error: "kubectl with no command" };
  if (sub === "config") {
    if (args[0] === "use-context" && args[1])
      return { flags, sub, args, ops: [], useContext: args[1] };
    return {
      flags,
      sub,
      args,
      ops: [],
      warning: "kubectl config runs locally: it makes no request",
    };
  }
  const dryRun = flags.get("dry-run");
  if (dryRun === true || dryRun === "client") {
    return { flags, sub, args, ops: [], warning: "a client-side dry run makes no request" };
  }
  const handler = HANDLERS[sub];
  if (!handler) {
    return {
      flags,
      sub,
      args,
      ops: [{}],
      warning: `kubectl ${sub} is not a command this page knows: counted as a request to its target`,
    };
  }
  const result = handler(args, flags);
  if ("error" in result) return { error: `kubectl ${sub} ${result.error}` };
  return {
    flags,
    sub,
    args,
    ops: result.ops,
    ...(result.warning ? { warning: result.warning } : {}),
  };
}
