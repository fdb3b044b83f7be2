import crypto from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendJson } from "../http";
import { OPENAPI_V2_PROTOBUF, openApiHash, versionInfo } from "../discovery";
import { SELF_REVIEWS } from "@/lib/explain/self-review";
import type { DirectPath, RequestInfo } from "./request";
import { noWatch, notFound, pathNotFound, readOnly } from "./core-status";

/**
 * A small, read-only, **simulated** Kubernetes API per direct-endpoint target: discovery, OpenAPI
 * stubs, a few fixed namespaces and a couple of pods, config maps and services in them. Nothing
 * here runs: it is enough for `kubectl get namespaces` and `kubectl get pods -n default`.
 */

const SIMULATED_VERSION = { ...versionInfo, gitVersion: "v1.32.0+dce-simulated" };

const RESOURCE_VERSION = "1";

const CORE_RESOURCES = [
  {
    name: "namespaces",
    singularName: "namespace",
    namespaced: false,
    kind: "Namespace",
    shortNames: ["ns"],
  },
  { name: "pods", singularName: "pod", namespaced: true, kind: "Pod", shortNames: ["po"] },
  {
    name: "configmaps",
    singularName: "configmap",
    namespaced: true,
    kind: "ConfigMap",
    shortNames: ["cm"],
  },
  {
    name: "services",
    singularName: "service",
    namespaced: true,
    kind: "Service",
    shortNames: ["svc"],
  },
] as const;
const KIND_OF = new Map<string, string>(CORE_RESOURCES.map((r) => [r.name, r.kind]));

const apiVersions = {
  kind: "APIVersions",
  apiVersion: "v1",
  versions: ["v1"],
  serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }],
};
const coreResourceList = {
  kind: "APIResourceList",
  apiVersion: "v1",
  groupVersion: "v1",
  resources: CORE_RESOURCES.map((r) => ({ ...r, verbs: ["get", "list"] })),
};
/** The self review groups (`kubectl auth whoami`, `kubectl auth can-i`; see reviews.ts). */
const REVIEW_GROUPS = ["authentication.k8s.io", "authorization.k8s.io"].map((name) => {
  const version = { groupVersion: `${name}/v1`, version: "v1" };
  return { name, versions: [version], preferredVersion: version };
});
const apiGroupList = { kind: "APIGroupList", apiVersion: "v1", groups: REVIEW_GROUPS };
const reviewDocuments: Record<string, unknown> = Object.fromEntries(
  REVIEW_GROUPS.flatMap((group) => [
    [`/apis/${group.name}`, { kind: "APIGroup", apiVersion: "v1", ...group }],
    [
      `/apis/${group.name}/v1`,
      {
        kind: "APIResourceList",
        apiVersion: "v1",
        groupVersion: `${group.name}/v1`,
        resources: SELF_REVIEWS.filter((r) => r.group === group.name).map((r) => ({
          name: r.resource,
          singularName: r.kind.toLowerCase(),
          namespaced: false,
          kind: r.kind,
          verbs: ["create"],
        })),
      },
    ],
  ]),
);

const schemaName = (kind: string) => `io.k8s.api.core.v1.${kind}`;
const openApiCoreDoc = {
  openapi: "3.0.0",
  info: { title: "Kubernetes (simulated by the DCE Token Console local platform)", version: "v1" },
  paths: {},
  components: {
    schemas: Object.fromEntries(
      CORE_RESOURCES.map((r) => [
        schemaName(r.kind),
        {
          type: "object",
          "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: r.kind }],
        },
      ]),
    ),
  },
};
const coreDocHash = openApiHash(openApiCoreDoc);

/** The name of the namespace named after a target: the space, the virtual cluster or the cluster. */
function targetNamespace(direct: DirectPath): string {
  const t = direct.target;
  return t.kind === "Cluster" ? t.cluster : t.kind === "ProjectSpace" ? t.space : t.virtualCluster;
}

/** The namespaces of a target's simulated cluster. */
const namespacesOf = (direct: DirectPath) => [
  ...new Set(["default", "kube-system", "kube-public", targetNamespace(direct)]),
];

type Item = { name: string; body: Record<string, unknown> };

function objectsIn(resource: string, namespace: string, own: string): Item[] {
  switch (resource) {
    case "pods": {
      const names =
        namespace === "default"
          ? ["web-0", "web-1"]
          : namespace === "kube-system"
            ? ["coredns-0"]
            : namespace === own
              ? ["app-0"]
              : [];
      return names.map((name) => ({
        name,
        body: {
          spec: {
            containers: [{ name: name.replace(/-\d+$/, ""), image: "registry.k8s.io/pause:3.10" }],
            nodeName: "simulated-node",
          },
          status: { phase: "Running", podIP: "10.0.0.10" },
        },
      }));
    }
    case "configmaps": {
      const items: Item[] = [
        { name: "kube-root-ca.crt", body: { data: { "ca.crt": "(simulated)" } } },
      ];
      if (namespace === "default") {
        items.unshift({ name: "app-config", body: { data: { LOG_LEVEL: "info" } } });
      }
      return items;
    }
    case "services": {
      const names =
        namespace === "default"
          ? ["kubernetes"]
          : namespace === "kube-system"
            ? ["kube-dns"]
            : namespace === own
              ? ["app"]
              : [];
      return names.map((name, i) => ({
        name,
        body: {
          spec: { type: "ClusterIP", clusterIP: `10.96.0.${i + 1}`, ports: [{ port: 443 }] },
          status: { loadBalancer: {} },
        },
      }));
    }
    default:
      return [];
  }
}

export interface SimulatedContext {
  res: ServerResponse;
  method: string;
  info: RequestInfo;
  direct: DirectPath;
  /** When the target was created (its objects' creationTimestamp). */
  created: string;
}

const uidOf = (...parts: string[]) => {
  const h = crypto.createHash("sha256").update(parts.join("\0")).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

function object(ctx: SimulatedContext, resource: string, namespace: string, item: Item) {
  const metadata: Record<string, unknown> = {
    name: item.name,
    uid: uidOf(ctx.direct.base, resource, namespace, item.name),
    resourceVersion: RESOURCE_VERSION,
    creationTimestamp: ctx.created,
  };
  if (resource === "namespaces") metadata.labels = { "kubernetes.io/metadata.name": item.name };
  else metadata.namespace = namespace;
  return { apiVersion: "v1", kind: KIND_OF.get(resource), metadata, ...item.body };
}

function list(ctx: SimulatedContext, resource: string, namespace: string | undefined) {
  const own = targetNamespace(ctx.direct);
  let items: Array<Record<string, unknown>>;
  if (resource === "namespaces") {
    items = namespacesOf(ctx.direct).map((name) =>
      object(ctx, resource, "", {
        name,
        body: { spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } },
      }),
    );
  } else {
    const namespaces = namespace === undefined ? namespacesOf(ctx.direct) : [namespace];
    items = namespaces.flatMap((ns) =>
      objectsIn(resource, ns, own).map((item) => object(ctx, resource, ns, item)),
    );
  }
  return {
    kind: `${KIND_OF.get(resource)}List`,
    apiVersion: "v1",
    metadata: { resourceVersion: RESOURCE_VERSION },
    items,
  };
}

const HEALTH = new Set(["/healthz", "/livez", "/readyz"]);

/** Answers an authorized request from the target's simulated cluster (or 404 / 405). */
export function serveSimulated(ctx: SimulatedContext) {
  if (ctx.info.isResourceRequest) serveResource(ctx);
  else serveNonResource(ctx);
}

/** Answers a non-resource path: health checks, version, discovery and OpenAPI documents. */
function serveNonResource(ctx: SimulatedContext) {
  const { res, method, info, direct } = ctx;
  const read = method === "GET" || method === "HEAD";
  const path = info.path.length > 1 ? info.path.replace(/\/+$/, "") : info.path;
  if (!read) throw readOnly(method);
  if (HEALTH.has(path)) {
    res.writeHead(200, {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
    });
    res.end("ok");
    return;
  }
  if (path === "/openapi/v2") {
    // An empty protobuf message is a valid, empty OpenAPI v2 document (see discovery.ts).
    res.writeHead(200, { "content-type": OPENAPI_V2_PROTOBUF, "content-length": "0" });
    res.end();
    return;
  }
  const documents: Record<string, unknown> = {
    "/version": SIMULATED_VERSION,
    "/api": apiVersions,
    "/api/v1": coreResourceList,
    "/apis": apiGroupList,
    "/openapi/v3": {
      paths: {
        "api/v1": { serverRelativeURL: `${direct.base}/openapi/v3/api/v1?hash=${coreDocHash}` },
      },
    },
    "/openapi/v3/api/v1": openApiCoreDoc,
    ...reviewDocuments,
    "/": {
      paths: [
        "/api",
        "/api/v1",
        "/apis",
        "/healthz",
        "/livez",
        "/openapi/v2",
        "/openapi/v3",
        "/readyz",
        "/version",
      ],
    },
  };
  const document = documents[path];
  if (document === undefined) throw pathNotFound();
  sendJson(res, 200, document);
}

/** Answers a read of core v1 resources (namespaces and the objects in them); writes are 405. */
function serveResource(ctx: SimulatedContext) {
  const { res, method, info, direct } = ctx;
  const read = method === "GET" || method === "HEAD";
  const { apiGroup, apiVersion, resource, subresource, name, namespace, extra } = info;
  const known = apiGroup === "" && apiVersion === "v1" && KIND_OF.has(resource);
  if (!known) {
    if (!read) throw readOnly(method);
    throw pathNotFound();
  }
  if (!read) throw readOnly(method, { resource, group: apiGroup });
  if (subresource || extra.length) throw pathNotFound();
  const namespaced = resource !== "namespaces";
  const namespaces = namespacesOf(direct);
  if (info.verb === "watch") throw noWatch({ resource, group: apiGroup });

  if (!namespaced) {
    if (!name || info.verb === "list") {
      const all = list(ctx, resource, undefined);
      if (info.verb === "list" && name) all.items = all.items.filter((i) => nameOf(i) === name);
      sendJson(res, 200, all);
      return;
    }
    if (!namespaces.includes(name)) throw notFound(resource, "", name);
    sendJson(
      res,
      200,
      list(ctx, resource, undefined).items.find((i) => nameOf(i) === name),
    );
    return;
  }
  if (namespace && !namespaces.includes(namespace)) {
    if (!name || info.verb === "list") {
      sendJson(res, 200, { ...list(ctx, resource, namespace), items: [] });
      return;
    }
    throw notFound(resource, "", name);
  }
  const all = list(ctx, resource, namespace || undefined);
  if (info.verb === "list") {
    if (name) all.items = all.items.filter((i) => nameOf(i) === name);
    sendJson(res, 200, all);
    return;
  }
  if (!namespace) throw pathNotFound();
  const found = all.items.find((i) => nameOf(i) === name);
  if (!found) throw notFound(resource, "", name);
  sendJson(res, 200, found);
}

const nameOf = (item: Record<string, unknown>) => (item.metadata as { name: string }).name;
