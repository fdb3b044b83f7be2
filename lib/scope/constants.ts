/**
 * The token API's names and the console's fixed choices, as plain values. The schemas (schema.ts,
 * request.ts) build on them; code that ships to the browser with a page's first load (the builder's
 * fields, scope normalising and comparing) imports them from here, so that it does not load zod with
 * them. Measured: merged into schema.ts, they bring zod into /tokens/new's first load, 189.8 → 210.2
 * KiB gzip, above the 1.5× budget (~198 KiB).
 */

/** The Kubernetes verbs people pick most; any other verb may still be typed. */
export const COMMON_VERBS = [
  "get",
  "list",
  "watch",
  "create",
  "update",
  "patch",
  "delete",
  "deletecollection",
] as const;

export const REQUEST_TARGETS = [
  "Management",
  "Cluster",
  "ProjectSpace",
  "ProjectVirtualCluster",
] as const;
export type RequestTarget = (typeof REQUEST_TARGETS)[number];

/**
 * Roles a current platform knows (loft-sh/api `storage/v1/accesskey_types.go`). Other role names are
 * accepted: the platform adds roles between versions, and whether it rejects unknown ones is unknown.
 */
export const KNOWN_ROLES = [
  { role: "loft-cli", text: "read-only management requests the CLI needs (replaces allowLoftCli)" },
  { role: "vcluster", text: "connect virtual clusters to the platform" },
  { role: "network-peer", text: "join the platform's overlay network" },
  { role: "agent", text: "connected-cluster agents (undocumented)" },
  { role: "workspace", text: "workspaces (undocumented)" },
  {
    role: "metrics-writer",
    text: "write fleet metrics for the scoped clusters or virtual clusters",
  },
  {
    role: "metrics-reader",
    text: "read fleet metrics for the scoped clusters or virtual clusters",
  },
  { role: "runner", text: "runners (removed in platform API v4.11)" },
] as const;
export const LOFT_CLI_ROLE = "loft-cli";

export const API_GROUP = "management.loft.sh";
export const API_VERSION = "management.loft.sh/v1";
export const TOKEN_KIND = "DirectClusterEndpointToken";
export const ACCESS_KEY_KIND = "OwnedAccessKey";
/** The access key type the official CLI creates (`storage/v1` AccessKeyTypeUser), for users and teams. */
export const ACCESS_KEY_TYPE = "User";

/** The two credentials the builder issues from one scope; absent from a URL = a token. */
export const CREDENTIALS = ["token", "accesskey"] as const;
export type Credential = (typeof CREDENTIALS)[number];

/** Longest display name and description of an access key the console sends. */
export const DISPLAY_NAME_MAX_LENGTH = 253;
export const DESCRIPTION_MAX_LENGTH = 4096;

/** The project namespace prefix a current platform defaults to (`config.projectNamespacePrefix`). */
export const DEFAULT_PROJECT_NAMESPACE_PREFIX = "p-";
/**
 * What the official CLI assumes when `selves` reports no `projectNamespacePrefix` (a v3 platform,
 * which predates the field and used this prefix): vcluster `pkg/projectutil` LegacyProjectNamespacePrefix.
 */
export const LEGACY_PROJECT_NAMESPACE_PREFIX = "loft-p-";

/** The longest note a token request may carry (request.ts), also the note input's `maxLength`. */
export const NOTE_MAX_LENGTH = 500;

/**
 * The console's own limit on each list of a scope it issues or lists targets for (projects, spaces,
 * virtual clusters, clusters, roles, rules); the platform's API documents none. Checked in limits.ts.
 */
export const MAX_SCOPE_ENTRIES = 64;
