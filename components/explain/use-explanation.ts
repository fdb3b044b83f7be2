"use client";

import { useDeferredValue, useMemo } from "react";
import { explainAccess, type Explanation } from "@/lib/explain/checks";
import { readClientOutput, requestOfOutput, type ClientOutput } from "@/lib/explain/client-output";
import { useSubjectFacts, type ExplainSetting, type ExplainSubject } from "./use-subject-facts";

export type { ExplainSetting, ExplainSubject } from "./use-subject-facts";

export type ExplainState =
  | { state: "empty" }
  | { state: "no-request"; output: ClientOutput }
  | { state: "explained"; output: ClientOutput; explanation: Explanation };

/**
 * The explanation of what the client printed for `subject`, from the facts the browser knows
 * (use-subject-facts.ts). A 401 needs no request: only the credential's checks decide it.
 */
export function useExplanation(
  subject: ExplainSubject,
  printed: string,
  server: string,
  setting: ExplainSetting,
): ExplainState {
  const { facts } = useSubjectFacts(subject, setting);
  const text = useDeferredValue(printed);
  const url = useDeferredValue(server);

  return useMemo((): ExplainState => {
    // `facts` is undefined only until hydration, before anyone can have typed.
    if ((!text.trim() && !url.trim()) || !facts) return { state: "empty" };
    const output = readClientOutput(text);
    const request = requestOfOutput(output, url || undefined);
    const authenticationOnly = output.code === 401 && !request;
    if (!request && !authenticationOnly) return { state: "no-request", output };
    const explanation = explainAccess(
      facts,
      request ?? { method: "GET", path: "/" },
      authenticationOnly ? { stage: "authentication" } : {},
    );
    return { state: "explained", output, explanation };
  }, [text, url, facts]);
}
