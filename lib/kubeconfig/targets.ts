import type { RequestBudget } from "./budget";
import type { Endpoint, TargetKind } from "./endpoint";
import type { InstanceKind } from "./scope-entries";

/**
 * What resolving a scope into targets answers (resolve.ts), and the platform reads it needs
 * (`TargetSource`, source.ts). Browser-safe types: the "Use this token" panel renders the answer.
 */
export type { InstanceKind } from "./scope-entries";

export type ProblemReason =
  | "no-direct-endpoint"
  | "invalid-ca"
  | "not-found"
  | "forbidden"
  | "cluster-unknown"
  | "not-usable"
  /** Not read: the resolution's budget of platform requests was spent first. */
  | "not-resolved";

export type ResolvedTarget = {
  /** `<kind>:<project>/<name>` (clusters: `cluster:<name>`), unique in a response. */
  id: string;
  kind: TargetKind;
  project?: string;
  name: string;
  displayName?: string;
  /** The cluster it runs in (the cluster itself for a cluster target). */
  cluster?: string;
  /** A space's namespace on its cluster (`spec.clusterRef.namespace`), for the context. */
  namespace?: string;
  /** The scope entries that reach it, e.g. `virtualClusters[0]`. */
  from: string[];
  /** Set when only a `*`, a whole project or an unrestricted token reaches it: when it was listed. */
  wildcard?: { entry: string; at: string };
  endpoint?: Endpoint;
  problem?: { reason: ProblemReason; message: string };
};

export type TargetsResult = {
  targets: ResolvedTarget[];
  /** The token has no scope: these are what the signed-in user can see, not a limit. */
  unrestricted: boolean;
  /** More targets exist than are listed (lists are bounded, and so are platform requests). */
  truncated: boolean;
  /** When the lists were read (ISO 8601). */
  snapshotAt: string;
  /** Parts of the scope that are not turned into targets, in words. */
  notes: string[];
  /**
   * Platform requests this resolution made; `exhausted` when it stopped with entries unread, and then
   * `note` says where (it is among `notes` too).
   */
  budget: { limit: number; used: number; exhausted: boolean; note?: string };
};

export type SourceCluster = { name: string; annotations?: Record<string, string> | null };
export type SourceInstance = {
  name: string;
  displayName?: string;
  cluster?: string;
  namespace?: string;
  /** `status.canUse` from an extended list; undefined when not reported. */
  canUse?: boolean;
};

/**
 * The platform reads a resolution needs; errors carry the HTTP `code` (403, 404) they failed with,
 * and a read the budget cannot pay for fails with BudgetSpent (budget.ts) without a request.
 */
export interface TargetSource {
  getInstance(kind: InstanceKind, project: string, name: string): Promise<SourceInstance>;
  listInstances(
    kind: InstanceKind,
    project: string,
  ): Promise<{ items: SourceInstance[]; truncated: boolean }>;
  listProjects(): Promise<{ names: string[]; truncated: boolean }>;
  /** `projects/<p>/clusters`: the clusters a project may use, with annotations. */
  projectClusters(project: string): Promise<SourceCluster[]>;
  /** Every cluster the user can see (the cluster-wide list, or the per-project fallback). */
  allClusters(): Promise<{ clusters: SourceCluster[]; truncated: boolean }>;
  /** One cluster by name; undefined when it does not exist or the user may not use it. */
  getCluster(name: string): Promise<SourceCluster | undefined>;
}

/** Makes the platform reads of one resolution; each request they make is paid from `budget` first. */
export type OpenSource = (budget: RequestBudget) => TargetSource;
