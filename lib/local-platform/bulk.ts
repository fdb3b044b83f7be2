import { DEFAULT_PROJECT_NAMESPACE_PREFIX } from "@/lib/scope/constants";
import { openDb } from "./platform-db";
import { DEFAULT_CLUSTER } from "./resources/clusters";
import { newMeta, objectOf } from "./resources/new-object";
import { virtualClusterInstances } from "./resources/instances";
import { projectNamespace } from "./resources/projects";
import { Store } from "./store";

/**
 * Adds `count` virtual clusters (`<prefix>-00000` …) to an existing project in one transaction,
 * through a second connection to DATA_DIR's database (safe while the platform runs: WAL).
 * For benchmarks and tests that need a large project; labels `bulk=true` and `index=<n % 10>`.
 */
export function bulkCreateVirtualClusters(
  dataDir: string,
  project: string,
  count: number,
  prefix = "vc",
): void {
  const db = openDb(dataDir);
  try {
    const store = new Store(db);
    const namespacePrefix =
      store.getMeta("projectNamespacePrefix") ?? DEFAULT_PROJECT_NAMESPACE_PREFIX;
    store.transaction(() => {
      if (!store.get("projects", "", project))
        throw new Error(`project "${project}" does not exist`);
      const width = Math.max(5, String(count).length);
      for (let i = 0; i < count; i++) {
        const name = `${prefix}-${String(i).padStart(width, "0")}`;
        const displayName = `Virtual cluster ${i}`;
        const labels = { bulk: "true", index: String(i % 10) };
        const meta = newMeta(store, name, { labels }, projectNamespace(namespacePrefix, project));
        const spec = { displayName, clusterRef: { cluster: DEFAULT_CLUSTER } };
        store.insert(
          virtualClusterInstances.plural,
          objectOf(virtualClusterInstances, meta, spec, { phase: "Ready" }),
          displayName,
        );
      }
    });
  } finally {
    db.close();
  }
}
