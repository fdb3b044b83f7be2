import { DEFAULT_CLUSTER } from "../resources/clusters";
import type { Store } from "../store";

/** The Cluster annotations a platform sets for a direct cluster endpoint (reference §7). */
const DIRECT_ENDPOINT_ANNOTATION = "loft.sh/direct-cluster-endpoint";
const DIRECT_ENDPOINT_CA_ANNOTATION = "loft.sh/direct-cluster-endpoint-ca-data";

/**
 * `loft.sh/direct-cluster-endpoint`: the host without a scheme (`127.0.0.1:<tls port>`; clients add
 * `https://`); `…-ca-data`: standard base64 of the PEM of the CA that signed the TLS certificate.
 */
function directEndpointAnnotations(tlsPort: number, caPem: string): Record<string, string> {
  return {
    [DIRECT_ENDPOINT_ANNOTATION]: `127.0.0.1:${tlsPort}`,
    [DIRECT_ENDPOINT_CA_ANNOTATION]: Buffer.from(caPem).toString("base64"),
  };
}

/**
 * Puts the direct endpoint annotations on `loft-cluster` (the cluster this platform's own HTTPS
 * port stands for), on every start: the port or the CA may have changed. The object's
 * resourceVersion moves only when they did. No other cluster gets them.
 */
export function ensureDirectEndpoint(store: Store, tlsPort: number, caPem: string) {
  const wanted = directEndpointAnnotations(tlsPort, caPem);
  store.transaction(() => {
    const cluster = store.get("clusters", "", DEFAULT_CLUSTER);
    if (!cluster) return;
    const current = cluster.metadata.annotations ?? {};
    if (Object.entries(wanted).every(([k, v]) => current[k] === v)) return;
    cluster.metadata.annotations = { ...current, ...wanted };
    const rv = store.nextResourceVersion();
    cluster.metadata.resourceVersion = String(rv);
    store
      .stmt(
        "UPDATE objects SET rv = ?, body = ? WHERE kind = 'clusters' AND namespace = '' AND name = ?",
      )
      .run(rv, JSON.stringify(cluster), DEFAULT_CLUSTER);
  });
}
