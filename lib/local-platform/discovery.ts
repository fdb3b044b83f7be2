import crypto from "node:crypto";
import { toJSONSchema } from "zod/mini";
import { GROUP } from "./status";
import { RESOURCES } from "./resources";
import { PATCH_TYPES } from "./resources/patch";
import type { Resource } from "./resources/types";

/**
 * Discovery and OpenAPI documents, in the shapes kubectl 1.32 asks for on `create -f` and `get`
 * (see reference/kubernetes-api-conventions.md). Built once at start-up.
 */
const VERSION = "v1";
export const GROUP_VERSION = `${GROUP}/${VERSION}`;
export const BASE_PATH = "/kubernetes/management";
export const OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

export const versionInfo = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0+dce-local-platform",
  gitCommit: "",
  gitTreeState: "clean",
  buildDate: "1970-01-01T00:00:00Z",
  goVersion: "",
  compiler: "node",
  platform: `${process.platform}/${process.arch}`,
};

export const apiVersions = {
  kind: "APIVersions",
  apiVersion: "v1",
  versions: ["v1"],
  serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }],
};

export const coreResourceList = {
  kind: "APIResourceList",
  apiVersion: "v1",
  groupVersion: "v1",
  resources: [],
};

const groupVersion = { groupVersion: GROUP_VERSION, version: VERSION };
export const apiGroup = {
  kind: "APIGroup",
  apiVersion: "v1",
  name: GROUP,
  versions: [groupVersion],
  preferredVersion: groupVersion,
};
export const apiGroupList = {
  kind: "APIGroupList",
  apiVersion: "v1",
  groups: [{ ...apiGroup, kind: undefined, apiVersion: undefined }],
};

export const resourceList = {
  kind: "APIResourceList",
  apiVersion: "v1",
  groupVersion: GROUP_VERSION,
  resources: RESOURCES.flatMap((r) => [
    {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
    },
    // Subresources as Kubernetes lists them: `<plural>/<sub>`, no singular name.
    ...Object.entries(r.subresources ?? {}).map(([sub, s]) => ({
      name: `${r.plural}/${sub}`,
      singularName: "",
      namespaced: r.namespaced,
      kind: s.kind,
      verbs: ["get"],
    })),
  ]),
};

const schemaName = (kind: string) => `com.github.loft-sh.api.v4.pkg.apis.management.v1.${kind}`;
const gvk = (kind: string) => [{ group: GROUP, version: VERSION, kind }];

function schemaOf(r: Resource): Record<string, unknown> {
  let schema: Record<string, unknown>;
  try {
    schema = toJSONSchema(r.schema, {
      target: "openapi-3.0",
      io: "input",
      unrepresentable: "any",
    }) as Record<string, unknown>;
  } catch {
    schema = { type: "object" };
  }
  delete schema.$schema;
  return { ...schema, "x-kubernetes-group-version-kind": gvk(r.kind) };
}

const queryParam = (name: string, description: string) => ({
  name,
  in: "query",
  description,
  schema: { type: "string", uniqueItems: true },
});
const CREATE_PARAMS = [
  queryParam("dryRun", "When present (All), the request is validated but not persisted."),
  queryParam("fieldManager", "Name of the actor making the change."),
  queryParam("fieldValidation", "Unknown or duplicate fields are always rejected (Strict)."),
];
/** PUT and PATCH take the same options as a create. */
const WRITE_PARAMS = CREATE_PARAMS;
const LIST_PARAMS = ["labelSelector", "fieldSelector", "limit", "continue", "search"].map((n) =>
  queryParam(
    n,
    n === "search"
      ? "Local extension (a real platform ignores it): case-insensitive substring of metadata.name or spec.displayName."
      : n,
  ),
);
const EXTENDED_PARAM = queryParam(
  "extended",
  "true: adds status.canUse and status.canUpdate for the calling user.",
);
const INSTANCE_KINDS = new Set(["SpaceInstance", "VirtualClusterInstance"]);

function pathsOf(r: Resource) {
  const ref = { $ref: `#/components/schemas/${schemaName(r.kind)}` };
  const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
  const ext = (action: string) => ({
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": gvk(r.kind)[0],
  });
  const collection = `/apis/${GROUP_VERSION}${r.namespaced ? "/namespaces/{namespace}" : ""}/${r.plural}`;
  const paths: Record<string, unknown> = {};
  const ops: Record<string, unknown> = {};
  if (r.verbs.includes("create")) {
    ops.post = {
      operationId: `create${r.kind}`,
      parameters: CREATE_PARAMS,
      requestBody: json(ref),
      responses: { "201": json(ref) },
      ...ext("post"),
    };
  }
  if (r.verbs.includes("list")) {
    ops.get = {
      operationId: `list${r.kind}`,
      parameters: INSTANCE_KINDS.has(r.kind) ? [...LIST_PARAMS, EXTENDED_PARAM] : LIST_PARAMS,
      responses: { "200": { description: "OK" } },
      ...ext("list"),
    };
  }
  paths[collection] = ops;
  if (r.verbs.includes("get")) {
    const item: Record<string, unknown> = {
      get: { operationId: `read${r.kind}`, responses: { "200": json(ref) }, ...ext("get") },
    };
    if (r.verbs.includes("delete"))
      item.delete = {
        operationId: `delete${r.kind}`,
        responses: { "200": json(ref) },
        ...ext("delete"),
      };
    if (r.verbs.includes("update"))
      item.put = {
        operationId: `replace${r.kind}`,
        parameters: WRITE_PARAMS,
        requestBody: json(ref),
        responses: { "200": json(ref) },
        ...ext("put"),
      };
    if (r.verbs.includes("patch"))
      item.patch = {
        operationId: `patch${r.kind}`,
        parameters: WRITE_PARAMS,
        requestBody: {
          content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema: { type: "object" } }])),
        },
        responses: { "200": json(ref) },
        ...ext("patch"),
      };
    paths[`${collection}/{name}`] = item;
  }
  for (const [sub, s] of Object.entries(r.subresources ?? {})) {
    paths[`${collection}/{name}/${sub}`] = {
      get: {
        operationId: `read${r.kind}${s.kind.replace(r.kind, "")}`,
        responses: { "200": { description: s.kind } },
        "x-kubernetes-action": "get",
        "x-kubernetes-group-version-kind": { group: GROUP, version: VERSION, kind: s.kind },
      },
    };
  }
  return paths;
}

/** The hash an OpenAPI v3 root names a document by (`serverRelativeURL: …?hash=`). */
export function openApiHash(doc: unknown): string {
  return crypto
    .createHash("sha512")
    .update(JSON.stringify(doc))
    .digest("hex")
    .slice(0, 128)
    .toUpperCase();
}

/**
 * The group's OpenAPI v3 document and the root that names it by hash. Built on the first request
 * that asks (kubectl's discovery), not at start: turning every schema into JSON Schema costs about
 * a tenth of a second.
 */
let openApi: { groupDoc: Record<string, unknown>; root: Record<string, unknown> } | undefined;

function openApiDocs() {
  if (openApi) return openApi;
  const groupDoc = {
    openapi: "3.0.0",
    info: { title: "vCluster Platform management API (local)", version: VERSION },
    paths: Object.assign({}, ...RESOURCES.map(pathsOf)) as Record<string, unknown>,
    components: {
      schemas: Object.fromEntries(RESOURCES.map((r) => [schemaName(r.kind), schemaOf(r)])),
    },
  };
  const hash = openApiHash(groupDoc);
  const root = {
    paths: {
      [`apis/${GROUP_VERSION}`]: {
        serverRelativeURL: `${BASE_PATH}/openapi/v3/apis/${GROUP_VERSION}?hash=${hash}`,
      },
    },
  };
  openApi = { groupDoc, root };
  return openApi;
}

export const openApiGroupDoc = () => openApiDocs().groupDoc;
export const openApiRoot = () => openApiDocs().root;
