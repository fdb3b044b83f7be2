import { ALL, apiResource, type ApiResource } from "./activity-resources";

/**
 * The API requests a kubectl command makes, by subcommand (kubectl 1.3x): `get pods` lists pods,
 * `apply -f` gets, then patches or creates, `logs` gets `pods/log`, `exec` creates `pods/exec`, and so
 * on. Discovery (`/api`, `/apis`, OpenAPI) that kubectl also does is left out: it goes to the same
 * target, and a scope admits requests by target. Objects from `-f`/`-k` files are unknown: their
 * requests carry verbs and no resource.
 */

/** One request, without its target; `namespace` only when the command names one itself. */
export type KubectlOp = {
  verb?: string;
  resource?: ApiResource;
  subresource?: string;
  name?: string;
  namespace?: string;
  nonResourceURL?: string;
  /** `get --raw <path>`: the request is what the path says (read as the endpoint reads it). */
  rawPath?: string;
};

export type Flags = Map<string, string | true>;
export type OpsResult = { ops: KubectlOp[]; warning?: string } | { error: string };
type Handler = (args: string[], flags: Flags) => OpsResult;

const op = (
  verb: string,
  resource?: ApiResource,
  name?: string,
  subresource?: string,
): KubectlOp => ({
  verb,
  ...(resource ? { resource } : {}),
  ...(name ? { name } : {}),
  ...(subresource ? { subresource } : {}),
});
const url = (verb: string, path: string): KubectlOp => ({ verb, nonResourceURL: path });
const POD = apiResource("pods");
const hasFile = (flags: Flags) => flags.has("filename") || flags.has("kustomize");
const ok = (ops: KubectlOp[], warning?: string): OpsResult =>
  warning ? { ops, warning } : { ops };

type Named = { resource: ApiResource; name?: string };

/** `pods`, `pods a b`, `pods,svc`, `pod/a svc/b`, `all`. */
export function resourceArgs(args: string[]): Named[] {
  if (args.length === 0) return [];
  if (args[0]!.includes("/")) {
    return args.map((a) => {
      const [type, name] = a.split("/", 2) as [string, string];
      return { resource: apiResource(type), name };
    });
  }
  const types = args[0]!
    .split(",")
    .filter(Boolean)
    .flatMap((t) => (t.toLowerCase() === "all" ? ALL : [t]))
    .map(apiResource);
  const names = args.slice(1);
  return types.flatMap((resource) =>
    names.length ? names.map((name) => ({ resource, name })) : [{ resource }],
  );
}

/** Reads: `get` a named object, else `list`; `watch` too with `-w`. */
function reads(targets: Named[], flags: Flags): KubectlOp[] {
  const watch = flags.has("watch") || flags.has("watch-only");
  return targets.flatMap(({ resource, name }) => [
    op(name ? "get" : "list", resource, name),
    ...(watch ? [op("watch", resource, name)] : []),
  ]);
}

/** A command on objects: named ones directly, otherwise listed first (`--all`, `-l`). */
function onObjects(verbs: string[], sub?: string): Handler {
  return (args, flags) => {
    const targets = resourceArgs(args.filter((a) => !a.includes("=") && !a.endsWith("-")));
    if (targets.length === 0) {
      if (hasFile(flags)) return ok(verbs.map((v) => op(v)));
      return { error: "names no resource (a type and name, or -f)" };
    }
    return ok(
      targets.flatMap(({ resource, name }) => [
        ...(name ? [] : [op("list", resource)]),
        ...verbs.map((v) => op(v, resource, name, sub)),
      ]),
    );
  };
}

/** A pod-level command: the pod (or the object whose pods it picks) and the pod subresource. */
function onPod(verb: string, subresource: string): Handler {
  return (args, flags) => {
    const first = args.find((a) => !a.includes(":") || a.includes("/"));
    if (!first && !flags.has("selector")) return { error: "names no pod" };
    const ops: KubectlOp[] = [];
    let pod: string | undefined;
    if (first?.includes("/")) {
      const [type, name] = first.split("/", 2) as [string, string];
      const resource = apiResource(type);
      if (resource.resource === "pods") pod = name;
      else ops.push(op("get", resource, name), op("list", POD));
    } else if (first) pod = first;
    else ops.push(op("list", POD));
    if (pod) ops.push(op("get", POD, pod));
    ops.push(op(verb, POD, pod, subresource));
    return ok(ops);
  };
}

const get: Handler = (args, flags) => {
  const raw = flags.get("raw");
  if (typeof raw === "string") return ok([{ rawPath: raw }]);
  const targets = resourceArgs(args);
  if (targets.length) return ok(reads(targets, flags));
  return hasFile(flags) ? ok([op("get")]) : { error: "names no resource type" };
};

const describe: Handler = (args, flags) => {
  const result = get(args, flags);
  return "ops" in result ? ok([...result.ops, op("list", apiResource("events"))]) : result;
};

const apply: Handler = (args, flags) => {
  if (args[0] && /last-applied$/.test(args[0]))
    return onObjects(["get", "patch"])(args.slice(1), flags);
  if (!hasFile(flags)) return { error: "kubectl apply needs -f or -k" };
  return ok(flags.has("server-side") ? [op("patch")] : [op("get"), op("patch"), op("create")]);
};

const CREATE_KINDS: Record<string, string> = {
  service: "services",
  svc: "services",
  secret: "secrets",
  clusterrolebinding: "clusterrolebindings",
};

const create: Handler = (args, flags) => {
  if (args.length === 0)
    return hasFile(flags) ? ok([op("create")]) : { error: "names nothing to create" };
  const [kind, ...rest] = args as [string, ...string[]];
  if (kind === "token") return ok([op("create", apiResource("serviceaccounts"), rest[0], "token")]);
  const resource = apiResource(CREATE_KINDS[kind] ?? kind);
  // `create secret generic x`, `create service clusterip x`: the name follows the variant.
  const name = ["secrets", "services"].includes(resource.resource) ? rest[1] : rest[0];
  return ok([op("create", resource, name)]);
};

const replace: Handler = (args, flags) => {
  const verbs = flags.has("force") ? ["delete", "create"] : ["get", "update"];
  if (args.length === 0)
    return hasFile(flags) ? ok(verbs.map((v) => op(v))) : { error: "names nothing to replace" };
  return onObjects(verbs)(args, flags);
};

const rollout: Handler = (args, flags) => {
  const [action, ...rest] = args;
  const rs = apiResource("replicasets");
  const verbs: Record<string, [string[], KubectlOp[]]> = {
    status: [["get", "watch"], []],
    history: [["get"], [op("list", rs)]],
    undo: [["get", "patch"], [op("list", rs)]],
    restart: [["get", "patch"], []],
    pause: [["get", "patch"], []],
    resume: [["get", "patch"], []],
  };
  const known = action ? verbs[action] : undefined;
  if (!known) return { error: `unknown rollout command ${action ?? "(none)"}` };
  const result = onObjects(known[0])(rest, flags);
  return "ops" in result ? ok([...result.ops, ...known[1]]) : result;
};

const top: Handler = (args) => {
  const what = apiResource(args[0] ?? "");
  if (what.resource !== "pods" && what.resource !== "nodes")
    return { error: "kubectl top needs pod or node" };
  return ok([op(args[1] ? "get" : "list", { ...what, group: "metrics.k8s.io" }, args[1])]);
};

const auth: Handler = (args) => {
  if (args[0] === "can-i")
    return ok([
      op("create", {
        resource: "selfsubjectaccessreviews",
        group: "authorization.k8s.io",
        namespaced: false,
      }),
    ]);
  if (args[0] === "whoami")
    return ok([
      op("create", {
        resource: "selfsubjectreviews",
        group: "authentication.k8s.io",
        namespaced: false,
      }),
    ]);
  if (args[0] === "reconcile") return ok(["get", "create", "update"].map((v) => op(v)));
  return { error: `unknown auth command ${args[0] ?? "(none)"}` };
};

const noRequest: Handler = () => ok([], "runs locally: it makes no request to a cluster");
const any: Handler = () => ok([{}], "forwards any request: counted as a request to its target");

export const HANDLERS: Record<string, Handler> = {
  get,
  describe,
  apply,
  create,
  replace,
  rollout,
  top,
  auth,
  delete: (args, flags) =>
    args.length === 0 && hasFile(flags) ? ok([op("delete")]) : onObjects(["delete"])(args, flags),
  patch: onObjects(["patch"]),
  edit: onObjects(["get", "patch"]),
  label: onObjects(["get", "patch"]),
  annotate: onObjects(["get", "patch"]),
  set: (args, flags) => onObjects(["get", "patch"])(args.slice(1), flags),
  scale: onObjects(["patch"], "scale"),
  autoscale: (args, flags) => {
    const result = onObjects(["get"])(args, flags);
    const hpa = apiResource("hpa");
    return "ops" in result ? ok([...result.ops, op("create", hpa)]) : result;
  },
  wait: onObjects(["get", "watch"]),
  diff: (_, flags) =>
    hasFile(flags) ? ok([op("get"), op("patch")]) : { error: "kubectl diff needs -f or -k" },
  expose: (args, flags) => {
    const result = onObjects(["get"])(args, flags);
    return "ops" in result ? ok([...result.ops, op("create", apiResource("services"))]) : result;
  },
  logs: onPod("get", "log"),
  exec: onPod("create", "exec"),
  attach: onPod("create", "attach"),
  "port-forward": onPod("create", "portforward"),
  cp: (args) => {
    const remote = args.find((a) => a.includes(":"));
    if (!remote) return { error: "copies no pod path ([namespace/]pod:path)" };
    const spec = remote.slice(0, remote.indexOf(":"));
    const [namespace, pod] = spec.includes("/")
      ? (spec.split("/", 2) as [string, string])
      : [undefined, spec];
    const ops = [op("get", POD, pod), op("create", POD, pod, "exec")];
    return ok(namespace ? ops.map((o) => ({ ...o, namespace })) : ops);
  },
  run: (args, flags) => {
    const name = args[0];
    if (!name) return { error: "names no pod to run" };
    const ops = [op("create", POD, name)];
    if (flags.has("stdin") || flags.has("tty") || flags.has("attach"))
      ops.push(op("create", POD, name, "attach"));
    if (flags.has("rm")) ops.push(op("delete", POD, name));
    return ok(ops);
  },
  debug: (args, flags) => {
    const first = args[0] ?? "";
    if (first.startsWith("node/") || flags.has("copy-to")) return ok([op("create", POD)]);
    const pod = first.replace(/^(po|pod|pods)\//, "");
    if (!pod) return { error: "names no pod or node to debug" };
    return ok([op("get", POD, pod), op("patch", POD, pod, "ephemeralcontainers")]);
  },
  drain: (args) => {
    const node = args[0]?.replace(/^(no|node|nodes)\//, "");
    if (!node) return { error: "names no node" };
    const nodes = apiResource("nodes");
    return ok([
      op("get", nodes, node),
      op("patch", nodes, node),
      { ...op("list", POD), namespace: "" },
      { ...op("create", POD, undefined, "eviction"), namespace: "" },
    ]);
  },
  cordon: onObjects(["get", "patch"]),
  uncordon: onObjects(["get", "patch"]),
  taint: onObjects(["get", "patch"]),
  events: () => ok([op("list", apiResource("events"))]),
  certificate: (args) =>
    ok([
      op(
        "update",
        { resource: "certificatesigningrequests", group: "certificates.k8s.io", namespaced: false },
        args[1],
        "approval",
      ),
    ]),
  version: (_, flags) =>
    flags.has("client") ? noRequest([], flags) : ok([url("get", "/version")]),
  "api-resources": () => ok([url("get", "/api"), url("get", "/apis")]),
  "api-versions": () => ok([url("get", "/api"), url("get", "/apis")]),
  explain: () => ok([url("get", "/openapi/v3")]),
  "cluster-info": () => ok([{ ...op("list", apiResource("services")), namespace: "kube-system" }]),
  proxy: any,
  completion: noRequest,
  plugin: noRequest,
  kustomize: noRequest,
  help: noRequest,
  options: noRequest,
};
