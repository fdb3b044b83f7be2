/**
 * Direct (regional) cluster endpoints, built exactly as the official CLI builds them from a
 * cluster's annotations (reference §7; loftctl `ApplyDirectClusterEndpointOptions`, vcluster
 * `pkg/platform/helper.go`). Pure: the targets resolver (resolve.ts) builds every
 * target's URL with it, for the targets route and the ledger's reach; unit-tested on its own.
 */

export const DIRECT_ENDPOINT = "loft.sh/direct-cluster-endpoint";
export const DIRECT_ENDPOINT_INSECURE = "loft.sh/direct-cluster-endpoint-insecure";
export const DIRECT_ENDPOINT_CA_DATA = "loft.sh/direct-cluster-endpoint-ca-data";

export type TargetKind = "virtualcluster" | "space" | "cluster";

/** What a kubeconfig needs to reach a target: its server URL and how to trust it. */
export type Endpoint = {
  server: string;
  insecureSkipTlsVerify: boolean;
  /** Standard base64 of the CA (PEM), as `certificate-authority-data` takes it. */
  certificateAuthorityData?: string;
};

export type EndpointResult =
  | { ok: true; endpoint: Endpoint }
  | { ok: false; reason: "no-direct-endpoint" | "invalid-ca"; message: string };

/** The path a direct endpoint serves a target at (a cluster's has no name: the endpoint is the cluster). */
function targetPath(kind: TargetKind, project: string | undefined, name: string): string {
  if (kind === "cluster") return "/kubernetes/cluster";
  const segment = kind === "virtualcluster" ? "virtualcluster" : "space";
  return `/kubernetes/project/${project ?? ""}/${segment}/${name}`;
}

/**
 * `<direct>` as the CLI makes it: one trailing `/` trimmed, `https://` put in front unless the value
 * already starts with it (so, like the CLI, an `http://` value is not turned into plain HTTP).
 */
export function directBase(annotation: string): string {
  const trimmed = annotation.endsWith("/") ? annotation.slice(0, -1) : annotation;
  return trimmed.startsWith("https://") ? trimmed : `https://${trimmed}`;
}

/** Standard base64 (Go's `StdEncoding`, which skips line breaks); undefined when it is not. */
function standardBase64(value: string): string | undefined {
  const compact = value.replace(/[\r\n]/g, "");
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return compact;
}

/**
 * The endpoint of a target on `cluster`, from the cluster's annotations. `platformInsecure` is
 * whether the console's own login skips TLS checks (`PLATFORM_INSECURE_SKIP_TLS_VERIFY`): for a
 * virtual cluster the `-insecure` annotation applies only when that login is not already insecure
 * (an insecure login stays insecure); for spaces and clusters the annotation decides alone.
 */
export function directEndpoint(
  target: { kind: TargetKind; project?: string; name: string },
  cluster: { name: string; annotations?: Record<string, string> | null },
  options: { platformInsecure: boolean },
): EndpointResult {
  const annotations = cluster.annotations ?? {};
  const host = annotations[DIRECT_ENDPOINT];
  if (!host) {
    return {
      ok: false,
      reason: "no-direct-endpoint",
      message: `Cluster ${cluster.name} has no direct endpoint (no ${DIRECT_ENDPOINT} annotation), so a token cannot be used with it.`,
    };
  }
  const annotatedInsecure = annotations[DIRECT_ENDPOINT_INSECURE] === "true";
  const insecureSkipTlsVerify =
    target.kind === "virtualcluster"
      ? options.platformInsecure
        ? true
        : annotatedInsecure
      : annotatedInsecure;
  const endpoint: Endpoint = {
    server: directBase(host) + targetPath(target.kind, target.project, target.name),
    insecureSkipTlsVerify,
  };
  const ca = annotations[DIRECT_ENDPOINT_CA_DATA];
  if (ca) {
    const data = standardBase64(ca);
    if (data === undefined) {
      return {
        ok: false,
        reason: "invalid-ca",
        message: `Cluster ${cluster.name}'s ${DIRECT_ENDPOINT_CA_DATA} annotation is not standard base64, so the CLI would refuse it too.`,
      };
    }
    endpoint.certificateAuthorityData = data;
  }
  return { ok: true, endpoint };
}
