import type { CheckContext, Outcome } from "./facts";
import { NOT_RECORDED } from "./recorded-credential";
import { timeText } from "./words";

/**
 * The authentication checks of a direct endpoint (see checks.ts for their order): is the
 * credential genuine, valid now, still its owner's, not revoked, and meant for Kubernetes?
 */

/** The audience a platform's Direct Cluster Endpoint Tokens carry (and direct endpoints require). */
export const TOKEN_AUDIENCE = "https://kubernetes.default";

const pass = (...evidence: string[]): Outcome => ({ result: "pass", evidence });
const skip = (...evidence: string[]): Outcome => ({ result: "skip", evidence });
const ISSUE_AGAIN = { action: "issue-again", text: "Issue a new token." } as const;

/** A claim the ledger did not record (a credential chosen from Issued tokens): not known here. */
function notRecorded(ctx: CheckContext, claim: string): Outcome | undefined {
  const credential = ctx.facts.credential;
  if (credential.kind !== "token" || !credential.recorded) return undefined;
  return {
    result: "unknown",
    evidence: [`The ledger does not record the token's ${claim}. ${NOT_RECORDED}`],
  };
}

export function signature(ctx: CheckContext): Outcome {
  const credential = ctx.facts.credential;
  if (credential.kind === "accessKey") {
    if (credential.known === false) {
      return {
        result: "fail",
        evidence: [
          "The platform has no access key with this secret: it was deleted, mistyped, or belongs to another platform.",
        ],
        fix: { action: "issue-again", text: "Use an existing access key, or create a new one." },
      };
    }
    if (credential.known === undefined) {
      return {
        result: "unknown",
        evidence: ["Whether the platform knows this key is not known here."],
      };
    }
    return pass("The platform knows this access key.");
  }
  if (!ctx.claims) {
    return {
      result: "fail",
      evidence: [
        "The bearer is not a readable JWT (a JSON header and claims, base64url, dot-separated).",
      ],
      fix: { action: "issue-again", text: "Copy the whole token again, or issue a new one." },
    };
  }
  if (credential.signature === "invalid") {
    return {
      result: "fail",
      evidence: [
        credential.signatureEvidence ??
          "The signature does not verify with the platform's signing key: the token was changed, or another platform signed it.",
      ],
      fix: { action: "issue-again", text: "Use a token this platform issued: issue a new one." },
    };
  }
  if (credential.signature === "unknown") {
    return {
      result: "unknown",
      evidence: [credential.signatureEvidence ?? "The signature was not checked."],
    };
  }
  return pass("The signature verifies with the platform's signing key.");
}

export function notYetValid(ctx: CheckContext): Outcome {
  if (!ctx.claims) return skip("Access keys have no nbf.");
  const nbf = ctx.claims.nbf;
  if (typeof nbf !== "number") {
    const unrecorded = notRecorded(ctx, "nbf (not before)");
    if (unrecorded) return unrecorded;
    return {
      result: "fail",
      evidence: ["The token has no nbf (not before) claim, which the direct endpoint requires."],
      fix: ISSUE_AGAIN,
    };
  }
  if (ctx.facts.now / 1000 < nbf) {
    return {
      result: "fail",
      evidence: [
        `The token is valid from ${timeText(nbf * 1000)} (nbf); now is ${timeText(ctx.facts.now)}.`,
      ],
      fix: { action: "wait", text: `Use it from ${timeText(nbf * 1000)} on.`, at: nbf * 1000 },
    };
  }
  return pass(`Valid from ${timeText(nbf * 1000)} (nbf).`);
}

export function disabled(ctx: CheckContext): Outcome {
  const credential = ctx.facts.credential;
  if (credential.kind === "token") return skip("Tokens cannot be disabled.");
  if (credential.disabled === true) {
    return {
      result: "fail",
      evidence: ["The access key is disabled (spec.disabled: true)."],
      fix: {
        action: "enable-key",
        text: "Enable the key on the Access keys page, or use another.",
      },
    };
  }
  if (credential.disabled === undefined) {
    return { result: "unknown", evidence: ["Whether the key is disabled is not known here."] };
  }
  return pass("The access key is enabled.");
}

export function expired(ctx: CheckContext): Outcome {
  const credential = ctx.facts.credential;
  const now = ctx.facts.now;
  let end: number | null | undefined;
  if (credential.kind === "accessKey") end = credential.expires;
  else if (ctx.claims) {
    const exp = ctx.claims.exp;
    if (typeof exp !== "number") {
      const unrecorded = notRecorded(ctx, "expiry (exp)");
      if (unrecorded) return unrecorded;
      return {
        result: "fail",
        evidence: ["The token has no exp (expiry) claim, which the direct endpoint requires."],
        fix: ISSUE_AGAIN,
      };
    }
    // Seconds, compared unrounded, as the endpoint does.
    if (now / 1000 >= exp) end = exp * 1000;
    else return pass(`Valid until ${timeText(exp * 1000)} (exp).`);
  } else return skip("No claims to read.");
  if (end === undefined) {
    return { result: "unknown", evidence: ["When the key expires is not known here."] };
  }
  if (end === null) return pass("The access key has no ttl: it never expires.");
  if (now < end) return pass(`Valid until ${timeText(end)}.`);
  const what = credential.kind === "token" ? "token" : "access key";
  return {
    result: "fail",
    evidence: [`The ${what} expired at ${timeText(end)}; now is ${timeText(now)}.`],
    fix: {
      action: "issue-again",
      text: credential.kind === "token" ? "Issue a new token." : "Create a new access key.",
    },
  };
}

export function audience(ctx: CheckContext): Outcome {
  if (!ctx.claims) return skip("Access keys have no audience.");
  const aud = ctx.claims.aud;
  if (aud === undefined) {
    const unrecorded = notRecorded(ctx, "audience (aud)");
    if (unrecorded) return unrecorded;
  }
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (audiences.includes(TOKEN_AUDIENCE)) return pass(`The audience includes ${TOKEN_AUDIENCE}.`);
  const said = aud === undefined ? "no audience (aud)" : `audience ${JSON.stringify(aud)}`;
  return {
    result: "fail",
    evidence: [`The token has ${said}; a direct endpoint takes only ${TOKEN_AUDIENCE}.`],
    fix: ISSUE_AGAIN,
  };
}
