/**
 * Resource names as kubectl accepts them (`po`, `pod`, `pods`, `deploy`, `deployments.apps`) and
 * what they are on the API: plural, group, namespaced. The built-in kinds people type; any other
 * name is taken as written (`<plural>.<group>` splits at the first dot) and counted namespaced.
 * What a resource is only fills in a request's details: a scope's target entries admit a request by
 * its target alone.
 */

export type ApiResource = { resource: string; group: string; namespaced: boolean };

// [names (short, singular, plural last), group, namespaced]
const TABLE: [string[], string, boolean][] = [
  [["po", "pod", "pods"], "", true],
  [["svc", "service", "services"], "", true],
  [["cm", "configmap", "configmaps"], "", true],
  [["secret", "secrets"], "", true],
  [["sa", "serviceaccount", "serviceaccounts"], "", true],
  [["ev", "event", "events"], "", true],
  [["ep", "endpoints"], "", true],
  [["pvc", "persistentvolumeclaim", "persistentvolumeclaims"], "", true],
  [["limits", "limitrange", "limitranges"], "", true],
  [["quota", "resourcequota", "resourcequotas"], "", true],
  [["rc", "replicationcontroller", "replicationcontrollers"], "", true],
  [["ns", "namespace", "namespaces"], "", false],
  [["no", "node", "nodes"], "", false],
  [["pv", "persistentvolume", "persistentvolumes"], "", false],
  [["deploy", "deployment", "deployments"], "apps", true],
  [["rs", "replicaset", "replicasets"], "apps", true],
  [["sts", "statefulset", "statefulsets"], "apps", true],
  [["ds", "daemonset", "daemonsets"], "apps", true],
  [["job", "jobs"], "batch", true],
  [["cj", "cronjob", "cronjobs"], "batch", true],
  [["ing", "ingress", "ingresses"], "networking.k8s.io", true],
  [["netpol", "networkpolicy", "networkpolicies"], "networking.k8s.io", true],
  [["ingressclass", "ingressclasses"], "networking.k8s.io", false],
  [["hpa", "horizontalpodautoscaler", "horizontalpodautoscalers"], "autoscaling", true],
  [["pdb", "poddisruptionbudget", "poddisruptionbudgets"], "policy", true],
  [["role", "roles"], "rbac.authorization.k8s.io", true],
  [["rolebinding", "rolebindings"], "rbac.authorization.k8s.io", true],
  [["clusterrole", "clusterroles"], "rbac.authorization.k8s.io", false],
  [["clusterrolebinding", "clusterrolebindings"], "rbac.authorization.k8s.io", false],
  [
    ["crd", "crds", "customresourcedefinition", "customresourcedefinitions"],
    "apiextensions.k8s.io",
    false,
  ],
  [["sc", "storageclass", "storageclasses"], "storage.k8s.io", false],
  [["pc", "priorityclass", "priorityclasses"], "scheduling.k8s.io", false],
  [["lease", "leases"], "coordination.k8s.io", true],
  [["project", "projects"], "management.loft.sh", false],
  [["virtualclusterinstance", "virtualclusterinstances"], "management.loft.sh", true],
  [["spaceinstance", "spaceinstances"], "management.loft.sh", true],
  [["cluster", "clusters"], "management.loft.sh", false],
  [["directclusterendpointtoken", "directclusterendpointtokens"], "management.loft.sh", false],
  [["ownedaccesskey", "ownedaccesskeys"], "management.loft.sh", false],
  [["user", "users"], "management.loft.sh", false],
  [["team", "teams"], "management.loft.sh", false],
];

const BY_NAME = new Map<string, ApiResource>();
for (const [names, group, namespaced] of TABLE) {
  const resource = names[names.length - 1]!;
  for (const n of names) BY_NAME.set(n, { resource, group, namespaced });
}

/** What `kubectl get all` lists. */
export const ALL = [
  "pods",
  "services",
  "daemonsets",
  "deployments",
  "replicasets",
  "statefulsets",
  "jobs",
  "cronjobs",
];

/** The API resource kubectl means by `word` (`Deployment`, `deploy`, `deployments.apps`, `foo.example.com`). */
export function apiResource(word: string): ApiResource {
  const lower = word.toLowerCase();
  const known = BY_NAME.get(lower);
  if (known) return known;
  const dot = lower.indexOf(".");
  if (dot > 0) {
    const head = lower.slice(0, dot);
    const group = lower.slice(dot + 1).replace(/^v\d\w*\./, ""); // `deployments.v1.apps`
    const base = BY_NAME.get(head);
    return { resource: base?.resource ?? head, group, namespaced: base?.namespaced ?? true };
  }
  return { resource: lower, group: "", namespaced: true };
}
