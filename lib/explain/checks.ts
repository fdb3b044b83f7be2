import { evaluateAccess, type AccessRequest } from "@/lib/scope/evaluate";
import { readScope } from "@/lib/scope/read";
import * as access from "./access-checks";
import { CHECKS, type CheckId, type CheckStage } from "./check-list";
import * as credential from "./credential-checks";
import { directAccessRequest, type RequestInfo } from "./direct-request";
import type { CheckContext, ExplainFacts, ExplainRequest, Fix, Outcome } from "./facts";
import * as owner from "./owner-checks";
import { withScopeAddition } from "./scope-fix";
import { isSelfReview } from "./self-review";

export type * from "./facts";
export { CHECKS, CHECK_IDS, checkTitle, stageOf } from "./check-list";
export type { CheckId, CheckStage } from "./check-list";

/** Each check of the list (check-list.ts), run on the facts read once. */
const RUN: Record<CheckId, (ctx: CheckContext) => Outcome> = {
  signature: credential.signature,
  "not-yet-valid": credential.notYetValid,
  disabled: credential.disabled,
  expired: credential.expired,
  "owner-gone": owner.ownerGone,
  "generation-revoked": owner.generationRevoked,
  audience: credential.audience,
  "not-a-direct-path": access.notADirectPath,
  scope: access.scope,
  "owner-rights": access.ownerRights,
  "platform-decides": access.platformDecides,
  "no-direct-endpoint": access.noDirectEndpoint,
};

export type Verdict = "allowed" | "refused" | "depends";

export interface CheckStep {
  id: CheckId;
  title: string;
  outcome: Outcome["result"];
  evidence: string[];
}

export interface Explanation {
  verdict: Verdict;
  /** Refused: the first check that surely fails. Depends: the first check not decided. */
  check?: CheckId;
  evidence: string[];
  fix?: Fix;
  /** Every check run, in order, with what it found. */
  steps: CheckStep[];
  /** The request as the scope evaluator reads it (undefined: not a direct-endpoint request). */
  request?: AccessRequest;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The request's target and attributes: a URL is read exactly as the direct endpoint reads it. */
function mapRequest(request: ExplainRequest): { request?: AccessRequest; info?: RequestInfo } {
  if ("access" in request) {
    return request.access.target.kind === "Management" ? {} : { request: request.access };
  }
  let { path } = request;
  let query =
    typeof request.query === "string" ? new URLSearchParams(request.query) : request.query;
  if (/^https?:\/\//i.test(path)) {
    const url = new URL(path);
    path = url.pathname;
    query ??= url.searchParams;
  }
  const mapped = directAccessRequest(request.method.toUpperCase(), path, query, request.cluster);
  return mapped ? { request: mapped.request, info: mapped.info } : {};
}

/** The facts read once for every check; authentication alone reads neither scope nor request. */
function contextOf(facts: ExplainFacts, request: ExplainRequest, stage?: CheckStage): CheckContext {
  const claims = facts.credential.kind === "token" ? facts.credential.claims : undefined;
  const loft = isRecord(claims?.["loft.sh"]) ? claims["loft.sh"] : undefined;
  if (stage === "authentication") {
    return { facts, claims, loft, scope: { state: "absent" }, selfReview: false };
  }
  const raw = facts.credential.kind === "token" ? loft?.scope : facts.credential.scope;
  const scope = readScope(raw);
  const mapped = mapRequest(request);
  const ctx: CheckContext = { facts, claims, loft, scope, ...mapped, selfReview: false };
  if (mapped.request) {
    ctx.selfReview = isSelfReview(mapped.request);
    if (scope.state !== "invalid") {
      ctx.decision = evaluateAccess(
        scope.state === "valid" ? scope.scope : undefined,
        mapped.request,
        {
          projectNamespacePrefix: facts.projectNamespacePrefix,
        },
      );
    }
  }
  return ctx;
}

/**
 * Explains whether a direct endpoint lets `request` through with the credential in `facts`:
 * `refused` names the first check that surely fails (an earlier one may be undecided: see
 * `steps`), `depends` the first check the facts cannot decide, with the evidence and a fix.
 * `stage: "authentication"` runs only the authentication checks (the endpoint's 401 decision).
 */
export function explainAccess(
  facts: ExplainFacts,
  request: ExplainRequest,
  options: { stage?: CheckStage } = {},
): Explanation {
  const explained = runChecks(facts, request, options.stage);
  const add = explained.fix?.add;
  if (add && explained.verdict !== "allowed") {
    // What would refuse it next, once the scope has the addition (the owner's rights, say).
    const next = runChecks(withScopeAddition(facts, add), request, options.stage);
    if (next.verdict !== "allowed" && next.check) explained.fix!.then = next.check;
  }
  return explained;
}

function runChecks(facts: ExplainFacts, request: ExplainRequest, stage?: CheckStage): Explanation {
  const ctx = contextOf(facts, request, stage);
  const steps: CheckStep[] = [];
  let undecided: { step: CheckStep; fix?: Fix } | undefined;
  for (const check of CHECKS) {
    if (stage && check.stage !== stage) continue;
    const outcome = RUN[check.id](ctx);
    const step = {
      id: check.id,
      title: check.title,
      outcome: outcome.result,
      evidence: outcome.evidence,
    };
    steps.push(step);
    const fix = "fix" in outcome ? outcome.fix : undefined;
    if (outcome.result === "fail") {
      return {
        verdict: "refused",
        check: check.id,
        evidence: step.evidence,
        fix,
        steps,
        request: ctx.request,
      };
    }
    if (outcome.result === "unknown") undecided ??= { step, fix };
  }
  if (undecided) {
    const { step, fix } = undecided;
    return {
      verdict: "depends",
      check: step.id,
      evidence: step.evidence,
      fix,
      steps,
      request: ctx.request,
    };
  }
  const evidence = steps.filter((s) => s.outcome === "pass").flatMap((s) => s.evidence);
  return { verdict: "allowed", evidence, steps, request: ctx.request };
}
