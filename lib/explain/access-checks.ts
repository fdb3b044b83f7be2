import type { AccessRequest } from "@/lib/scope/evaluate";
import type { CheckContext, Outcome } from "./facts";
import { scopeFix } from "./scope-fix";
import { ownerText, requestText, scopeText, targetText } from "./words";

/**
 * The authorization checks of a direct endpoint (see checks.ts for their order): a direct-endpoint
 * URL, the credential's scope, the owner's own rights, a role only the platform decides, and a
 * target behind a direct endpoint.
 */

const SELF_REVIEW = "Self reviews (whoami, can-i) are allowed to every authenticated credential.";

export function notADirectPath(ctx: CheckContext): Outcome {
  if (ctx.request) return { result: "pass", evidence: ["The URL names a direct-endpoint target."] };
  return {
    result: "fail",
    evidence: [
      "The URL is not a direct-endpoint path: a direct endpoint serves /kubernetes/project/<project>/virtualcluster/<name>/…, /kubernetes/project/<project>/space/<name>/… and /kubernetes/cluster/…; the management API takes access keys, not Direct Cluster Endpoint Tokens.",
    ],
    fix: {
      action: "fix-url",
      text: "Point the client at the target's direct-endpoint URL (the console's kubeconfig does).",
    },
  };
}

/** Why the scope cannot be read as written, or undefined when it can. */
function scopeProblem(ctx: CheckContext): string | undefined {
  const read = ctx.scope;
  if (read.state === "invalid") {
    return `${scopeText(ctx)} is invalid (${read.issues.join("; ")}), so it is refused everything`;
  }
  if (read.state === "valid" && read.notUnderstood.length) {
    const fields = read.notUnderstood.map((n) => n.field).join(", ");
    return `${scopeText(ctx)} has fields this platform does not understand (${fields}), so it is refused everything`;
  }
  return undefined;
}

export function scope(ctx: CheckContext): Outcome {
  const request = ctx.request as AccessRequest;
  if (ctx.selfReview) return { result: "pass", evidence: [SELF_REVIEW] };
  const problem = scopeProblem(ctx);
  if (problem) {
    const local = ctx.facts.enforcer === "local" || ctx.scope.state === "invalid";
    return {
      result: local ? "fail" : "unknown",
      evidence: local
        ? [problem]
        : [`${problem} by this console; the platform may understand them.`],
      fix: { action: "issue-again", text: "Issue again with a scope of known fields only." },
    };
  }
  const decision = ctx.decision!;
  if (decision.answer === "allowed") return { result: "pass", evidence: decision.reasons };
  if (decision.answer === "depends") {
    return {
      result: "pass",
      evidence: [
        "No entry surely allows it; only a role might (see the role check).",
        ...decision.reasons,
      ],
    };
  }
  const asked = `${requestText(request)} of ${targetText(request.target)}`;
  return {
    result: "fail",
    evidence: [`${scopeText(ctx)} does not allow ${asked}: ${decision.reasons.join(" ")}`],
    fix: scopeFix(ctx, request),
  };
}

export function ownerRights(ctx: CheckContext): Outcome {
  if (ctx.selfReview) return { result: "pass", evidence: [SELF_REVIEW] };
  const target = (ctx.request as AccessRequest).target;
  const rights = ctx.facts.owner?.rights;
  const who = ownerText(ctx);
  const answered = ctx.facts.owner?.answered;
  if ((rights === undefined || rights === "unknown") && answered) {
    if (answered.answer === "allowed")
      return { result: "pass", evidence: [`The platform says ${who} may do this.`] };
    return {
      result: answered.answer === "refused" ? "fail" : "unknown",
      evidence: [`The platform's answer for ${who}: ${answered.reason}`],
      ...(answered.answer === "refused"
        ? { fix: { action: "ask-for-rights", text: "Ask an admin for the rights this needs." } }
        : {}),
    };
  }
  if (rights === undefined || rights === "unknown") {
    return {
      result: "unknown",
      evidence: [
        `${who}'s own rights are not known here: the platform decides whether they may use ${targetText(target)}.`,
      ],
    };
  }
  if (rights.admin) return { result: "pass", evidence: [`${who} is a platform admin.`] };
  if (target.kind === "Cluster" || target.kind === "Management") {
    return {
      result: "fail",
      evidence: [
        `${who} cannot use ${targetText(target)}: only platform admins may reach a cluster directly`,
      ],
      fix: {
        action: "ask-for-rights",
        text: "Only platform admins reach a cluster directly: use a space or virtual cluster of one of your projects, or ask an admin.",
      },
    };
  }
  if (rights.projects.includes(target.project) || rights.projects.includes("*")) {
    return {
      result: "pass",
      evidence: [`${who} may use the instances of project ${target.project}.`],
    };
  }
  return {
    result: "fail",
    evidence: [
      `${who} cannot use ${targetText(target)}: only members of project ${target.project} who may use its instances can`,
    ],
    fix: {
      action: "ask-for-rights",
      text: `Ask an admin of project ${target.project} to make ${who} a member (not a viewer).`,
    },
  };
}

export function platformDecides(ctx: CheckContext): Outcome {
  if (ctx.selfReview || ctx.decision?.answer !== "depends") {
    return { result: "skip", evidence: ["No role whose rules are not public decides it."] };
  }
  const request = ctx.request as AccessRequest;
  const reasons = ctx.decision.reasons.join(" ");
  const asked = `${requestText(request)} of ${targetText(request.target)}`;
  const fix = scopeFix(ctx, request);
  if (ctx.facts.enforcer === "local") {
    return {
      result: "fail",
      evidence: [
        `${scopeText(ctx)} may not allow ${asked} (refused: only what a scope surely allows is let through): ${reasons}`,
      ],
      fix,
    };
  }
  return {
    result: "unknown",
    evidence: [`${scopeText(ctx)} may allow ${asked}: ${reasons}`],
    fix: fix && { ...fix, text: `To be sure: ${fix.text}` },
  };
}

export function noDirectEndpoint(ctx: CheckContext): Outcome {
  const target = ctx.facts.target;
  if (!target) {
    return {
      result: "unknown",
      evidence: ["Whether the target exists behind a direct endpoint is not known here."],
    };
  }
  if (target.directEndpoint) {
    return { result: "pass", evidence: ["The target is behind this direct endpoint."] };
  }
  return {
    result: "fail",
    evidence: [target.why],
    fix: {
      action: "use-direct-endpoint",
      text: "Use a target that exists in a cluster with a direct endpoint (loft.sh/direct-cluster-endpoint), or reach it through the platform.",
    },
  };
}
