import type { CheckContext, Outcome } from "./facts";
import { ownerText } from "./words";

/** The credential's owner: still there (same uid), and a token not revoked by its generation. */

const REISSUE = { action: "issue-again", text: "Have the owner issue a new one." } as const;

export function ownerGone(ctx: CheckContext): Outcome {
  if (ctx.facts.credential.kind === "token") {
    const loft = ctx.loft;
    if (!ctx.claims) return { result: "skip", evidence: ["No claims to read."] };
    if (!loft || (loft.kind !== "User" && loft.kind !== "Team") || typeof loft.name !== "string") {
      return {
        result: "fail",
        evidence: [
          "The token's loft.sh claim names no user or team (kind User or Team, and a name).",
        ],
        fix: { action: "issue-again", text: "Use a token this platform issued." },
      };
    }
  }
  const exists = ctx.facts.owner?.exists;
  if (exists === false) {
    return {
      result: "fail",
      evidence: [
        `${ownerText(ctx)} no longer exists with the credential's uid: it was deleted (and perhaps created again, which does not inherit old credentials).`,
      ],
      fix: REISSUE,
    };
  }
  if (exists === undefined) {
    return {
      result: "unknown",
      evidence: [`Whether ${ownerText(ctx)} still exists is not known here.`],
    };
  }
  return { result: "pass", evidence: [`${ownerText(ctx)} exists.`] };
}

export function generationRevoked(ctx: CheckContext): Outcome {
  if (ctx.facts.credential.kind === "accessKey") {
    return {
      result: "skip",
      evidence: ["Raising the token generation does not revoke access keys."],
    };
  }
  if (ctx.loft?.kind === "Team") {
    return { result: "skip", evidence: ["Teams have no token generation."] };
  }
  const gen = ctx.loft?.gen ?? 0;
  if (typeof gen !== "number" || !Number.isSafeInteger(gen)) {
    return {
      result: "fail",
      evidence: [`The token's loft.sh.gen (${JSON.stringify(gen)}) is not a whole number.`],
      fix: REISSUE,
    };
  }
  const current = ctx.facts.owner?.tokenGeneration;
  if (current === undefined) {
    return {
      result: "unknown",
      evidence: [
        `The token carries generation ${gen}; ${ownerText(ctx)}'s current spec.tokenGeneration is not known here.`,
      ],
    };
  }
  if (gen < current) {
    return {
      result: "fail",
      evidence: [
        `The token carries generation ${gen}; ${ownerText(ctx)}'s spec.tokenGeneration is now ${current}: raising it revoked every token issued before.`,
      ],
      fix: {
        action: "issue-again",
        text: "Issue a new token (it will carry the current generation).",
      },
    };
  }
  return {
    result: "pass",
    evidence: [`The token's generation ${gen} is not below ${ownerText(ctx)}'s ${current}.`],
  };
}
