"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { HttpError, postJson } from "@/lib/query-client";
import { generationQuery } from "@/lib/revocation/queries";
import { tokenGenOf } from "@/lib/revocation/generation";
import type { LedgerSummary } from "@/lib/ledger/summary";
import type { DecodedToken } from "@/lib/token/decode";
import { fingerprintInBrowser } from "@/lib/token/fingerprint";

export type IssuedRecord =
  | { state: "checking" }
  | { state: "found"; entry: LedgerSummary }
  | { state: "not-found" }
  | { state: "unknown"; reason: string };

export type GenerationCheck =
  /** Revoked when `carried` is below `current` (the token's owner is the signed-in user). */
  | { state: "known"; user: string; current: number; carried: number; revoked: boolean }
  | { state: "unknown"; user: string; reason: string }
  | { state: "checking" };

/**
 * What the console knows about a pasted token for the signed-in user: whether they issued it through
 * the console (their ledger, found by fingerprint: only the fingerprint is sent) and, for a token
 * of their own user, whether raising their token generation revoked it. Nothing when signed out, or
 * (generation) when the token belongs to someone else.
 */
export function useTokenRecognition(token: DecodedToken | undefined, signedIn: boolean) {
  const [hashed, setHashed] = useState<{ token: string; fingerprint: string | undefined }>();
  useEffect(() => {
    if (!token || !signedIn) return;
    let live = true;
    void fingerprintInBrowser(token.token).then((fingerprint) => {
      if (live) setHashed({ token: token.token, fingerprint });
    });
    return () => {
      live = false;
    };
  }, [token, signedIn]);
  const current = token && hashed?.token === token.token ? hashed : undefined;
  const fingerprint = current?.fingerprint;

  const record = useQuery({
    queryKey: ["tokens", "recognize", fingerprint],
    queryFn: async ({ signal }): Promise<LedgerSummary | null> => {
      try {
        return await postJson<LedgerSummary>("/api/tokens/recognize", { fingerprint }, signal);
      } catch (error) {
        if (error instanceof HttpError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: signedIn && fingerprint !== undefined,
    staleTime: 0,
  });

  const loft = token?.loft;
  const ownUserToken = signedIn && loft?.kind === "User" && typeof loft.name === "string";
  const generation = useQuery({ ...generationQuery(), enabled: ownUserToken });

  let issued: IssuedRecord | undefined;
  if (token && signedIn) {
    if (current && fingerprint === undefined)
      issued = {
        state: "unknown",
        reason: "this browser offers no SHA-256 on a page not served over HTTPS",
      };
    else if (record.data) issued = { state: "found", entry: record.data };
    else if (record.data === null) issued = { state: "not-found" };
    else if (record.error) issued = { state: "unknown", reason: record.error.message };
    else issued = { state: "checking" };
  }

  let revocation: GenerationCheck | undefined;
  if (ownUserToken) {
    const answer = generation.data;
    if (generation.error)
      revocation = { state: "unknown", user: loft.name!, reason: generation.error.message };
    else if (!answer) revocation = { state: "checking" };
    else if (answer.user !== loft.name)
      revocation = undefined; // someone else's token
    else if (answer.tokenGeneration === null)
      revocation = { state: "unknown", user: answer.user, reason: answer.reason };
    else {
      const carried = tokenGenOf(loft.gen);
      revocation =
        carried === undefined
          ? { state: "unknown", user: answer.user, reason: "its loft.sh.gen is not a whole number" }
          : {
              state: "known",
              user: answer.user,
              current: answer.tokenGeneration,
              carried,
              revoked: carried < answer.tokenGeneration,
            };
    }
  }
  return { issued, revocation };
}
