"use client";

import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useMemo } from "react";
import { useVerification } from "@/components/token-viewer/use-verification";
import { useNow } from "@/lib/hooks/use-now";
import { explainAccess, type ExplainFacts, type Explanation } from "@/lib/explain/checks";
import { readClientOutput, requestOfOutput, type ClientOutput } from "@/lib/explain/client-output";
import { generationQuery } from "@/lib/query/generation";
import type { DecodedToken } from "@/lib/token/decode";

export interface ExplainSetting {
  signedIn: boolean;
  projectNamespacePrefix: string;
  /** "local": the console's own platform enforces (it refuses what only the platform could decide). */
  enforcer: "local" | "platform";
}

export type ExplainState =
  | { state: "empty" }
  | { state: "no-request"; output: ClientOutput }
  | { state: "explained"; output: ClientOutput; explanation: Explanation };

/**
 * The explanation of what the client printed for `token`: the facts the browser knows (the claims,
 * the signature as checked here, now, the signed-in user's token generation when the token is
 * theirs); the owner's other rights are the platform's to know. A 401 needs no request: only the
 * credential's checks decide it.
 */
export function useExplanation(
  token: DecodedToken,
  printed: string,
  server: string,
  setting: ExplainSetting,
): ExplainState {
  const { result: verification } = useVerification(token, "platform");
  const now = useNow(1000);
  const loft = token.loft;
  const own = setting.signedIn && loft?.kind === "User" && typeof loft.name === "string";
  const generation = useQuery({ ...generationQuery(), enabled: own });
  const text = useDeferredValue(printed);
  const url = useDeferredValue(server);

  return useMemo((): ExplainState => {
    // `now` is null only until hydration, before anyone can have typed.
    if ((!text.trim() && !url.trim()) || now === null) return { state: "empty" };
    const output = readClientOutput(text);
    const request = requestOfOutput(output, url || undefined);
    const authenticationOnly = output.code === 401 && !request;
    if (!request && !authenticationOnly) return { state: "no-request", output };
    const answer = generation.data;
    const facts: ExplainFacts = {
      credential: {
        kind: "token",
        claims: token.claims as Record<string, unknown>,
        signature:
          verification?.status === "verified"
            ? "valid"
            : verification?.status === "failed"
              ? "invalid"
              : "unknown",
        signatureEvidence: verification?.reason,
      },
      now,
      owner:
        own && answer && answer.user === loft?.name && answer.tokenGeneration !== null
          ? { tokenGeneration: answer.tokenGeneration, rights: "unknown" }
          : { rights: "unknown" },
      enforcer: setting.enforcer,
      projectNamespacePrefix: setting.projectNamespacePrefix,
    };
    const explanation = explainAccess(
      facts,
      request ?? { method: "GET", path: "/" },
      authenticationOnly ? { stage: "authentication" } : {},
    );
    return { state: "explained", output, explanation };
  }, [text, url, token, verification, now, own, generation.data, loft, setting]);
}
