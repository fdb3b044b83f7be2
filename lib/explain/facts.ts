import type { AccessDecision, AccessRequest } from "@/lib/scope/evaluate";
import type { ReadScope } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { CheckId } from "./check-list";
import type { RequestInfo } from "./direct-request";
import type { OwnerAnswer } from "./owner-answer";

/**
 * What `explainAccess` is told about a credential, its owner and the target, and what it answers.
 * Browser-safe types: the inspector fills them from a pasted token and the platform's answers, the
 * local platform's direct endpoint from what it verified and looked up.
 */

/** Whether the signature verified with the platform's signing key; `unknown`: not checked. */
export type SignatureState = "valid" | "invalid" | "unknown";

export interface TokenFacts {
  kind: "token";
  /** The decoded claims (not trusted unless `signature` is `valid`); absent: no readable JWT. */
  claims?: Record<string, unknown>;
  signature: SignatureState;
  /**
   * The claims are what the console's ledger recorded at issue, not a token: `nbf` and `aud` were
   * not recorded, so their checks are unknown rather than failed when absent.
   */
  recorded?: boolean;
  /** Why the signature did not verify or was not checked (another key, `alg`, …). */
  signatureEvidence?: string;
}

export interface AccessKeyFacts {
  kind: "accessKey";
  /** The key's name (`metadata.name`; its `jti` on a direct endpoint). */
  name?: string;
  /** false: the platform has no key with this secret; undefined: not known. */
  known?: boolean;
  disabled?: boolean;
  /** When the key stops working (ms since the epoch); null: never (no ttl); undefined: not known. */
  expires?: number | null;
  /** The key's `spec.scope` as stored (read with `readScope`); undefined = unrestricted. */
  scope?: unknown;
}

/** The owner's own rights on direct endpoints: admins reach everything; others `projects`. */
export interface OwnerRights {
  admin: boolean;
  /** Projects whose spaces and virtual clusters the owner may use (members, not viewers); `*` = all. */
  projects: string[];
}

export interface OwnerFacts {
  /** For keys (tokens name their owner in `loft.sh`). */
  kind?: "User" | "Team";
  name?: string;
  /** false: no user or team with the credential's uid exists (deleted, or created again). */
  exists?: boolean;
  /** The user's current `spec.tokenGeneration` (absent = 0); undefined: not known. */
  tokenGeneration?: number;
  /** undefined or `unknown`: only the platform knows them. */
  rights?: OwnerRights | "unknown";
  /**
   * The platform's own answer about the owner for this very request (a SelfSubjectAccessReview
   * asked with the owner's key), used when `rights` are not known.
   */
  answered?: OwnerAnswer;
}

/** Whether the target is behind a direct endpoint; `why` is said when it is not. */
export type TargetFacts = { directEndpoint: true } | { directEndpoint: false; why: string };

export interface ExplainFacts {
  credential: TokenFacts | AccessKeyFacts;
  /** Now, in ms since the epoch. */
  now: number;
  owner?: OwnerFacts;
  /** undefined: not known. */
  target?: TargetFacts;
  /**
   * Who enforces: `local`, the console's local platform, refuses what only a role whose rules are
   * not public could allow; `platform` (default), a real platform, decides it itself (`depends`).
   */
  enforcer?: "local" | "platform";
  /** `<prefix><project>` namespaces, for rules' `virtualClusters` (default `p-`). */
  projectNamespacePrefix?: string;
}

/** A request on a direct endpoint host (`path` + `query`), or one already described. */
export type ExplainRequest =
  | {
      method: string;
      path: string;
      query?: URLSearchParams | string;
      /** The cluster whose endpoint the host is (`/kubernetes/cluster/…`); `loft-cluster` if unset. */
      cluster?: string;
    }
  | { access: AccessRequest };

/** The least scope entries that admit a request (appended to the credential's scope). */
export type ScopeAddition = Pick<AccessKeyScope, "spaces" | "virtualClusters" | "clusters">;

export interface Fix {
  action:
    | "add-to-scope"
    | "issue-again"
    | "wait"
    | "enable-key"
    | "ask-for-rights"
    | "use-direct-endpoint"
    | "fix-url";
  /** One sentence a person can act on. */
  text: string;
  /** `add-to-scope`: what to add; `issue-again` after a scope problem may carry one too. */
  add?: ScopeAddition;
  /** `wait`: when the credential becomes valid (ms since the epoch). */
  at?: number;
  /** The check that would still refuse the request after this fix (e.g. `owner-rights`). */
  then?: CheckId;
}

export type Outcome =
  | { result: "pass" | "skip"; evidence: string[] }
  | { result: "fail" | "unknown"; evidence: string[]; fix?: Fix };

/** What the checks share: the facts, read once. */
export interface CheckContext {
  facts: ExplainFacts;
  /** The token's claims, or undefined for an access key or no readable JWT. */
  claims?: Record<string, unknown>;
  /** The token's `loft.sh` claim when it is an object. */
  loft?: Record<string, unknown>;
  scope: ReadScope;
  /** undefined: the URL is not a direct-endpoint path (or the request is for Management). */
  request?: AccessRequest;
  info?: RequestInfo;
  /** The scope's decision when it could be read (`scope.state` valid, no fields not understood). */
  decision?: AccessDecision;
  /** A self review (whoami, can-i): always allowed to an authenticated credential. */
  selfReview: boolean;
}
