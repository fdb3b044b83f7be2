"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import {
  useTokenRecognition,
  type IssuedRecord,
} from "@/components/token-viewer/use-token-recognition";
import type { Verification } from "@/components/token-viewer/use-verification";
import { useNow } from "@/components/hooks/use-now";
import type { ExplainFacts, OwnerFacts, TokenFacts } from "@/lib/explain/checks";
import {
  recordedCredentialFacts,
  recordedOwnerFacts,
  type RecordedCredential,
} from "@/lib/explain/recorded-credential";
import { generationQuery } from "@/lib/revocation/queries";
import { readScope } from "@/lib/scope/read";
import type { AccessKeyScope } from "@/lib/scope/schema";
import type { ScopeUrlState } from "@/lib/scope/url-state";
import type { DecodedToken } from "@/lib/token/decode";

/**
 * What is explained: a pasted token with its signature as checked against the platform's keys
 * (undefined while nothing could be checked; the inspector checks it once for every panel), or a
 * credential chosen from Issued tokens (its record).
 */
export type ExplainSubject =
  | { from: "token"; token: DecodedToken; verification: Verification | undefined }
  | { from: "ledger"; recorded: RecordedCredential };

export interface ExplainSetting {
  signedIn: boolean;
  projectNamespacePrefix: string;
  /** "local": the console's own platform enforces (it refuses what only the platform could decide). */
  enforcer: "local" | "platform";
}

/**
 * Whether the signed-in user issued the subject: a credential chosen from Issued tokens is theirs;
 * a pasted token is looked up in their ledger by fingerprint. Undefined when signed out.
 */
export function useIssuedByMe(
  subject: ExplainSubject | undefined,
  signedIn: boolean,
): IssuedRecord | { state: "recorded" } | undefined {
  const token = subject?.from === "token" ? subject.token : undefined;
  const { issued } = useTokenRecognition(token, signedIn);
  if (signedIn && subject?.from === "ledger") return { state: "recorded" };
  return issued;
}

function tokenFacts(token: DecodedToken, verification: Verification | undefined): TokenFacts {
  return {
    kind: "token",
    claims: token.claims as Record<string, unknown>,
    signature:
      verification?.verdict === "verified"
        ? "valid"
        : verification?.verdict === "failed"
          ? "invalid"
          : "unknown",
    signatureEvidence: verification?.reason,
  };
}

/** Who owns the subject, as far as the browser knows. */
function ownerOf(subject: ExplainSubject): { kind?: string; name?: unknown } | undefined {
  return subject.from === "token" ? subject.token.loft : subject.recorded.owner;
}

/**
 * The facts the browser knows about `subject`: the claims (pasted, or as recorded), the signature
 * as the subject carries it, now, and — when the signed-in user issued it (`mine`: their ledger,
 * which is keyed by their uid, holds it) — that its owner exists and their current token
 * generation. The owner's other rights are the platform's to know. `facts` is undefined until hydrated.
 */
export function useSubjectFacts(
  subject: ExplainSubject,
  setting: ExplainSetting,
): { facts: ExplainFacts | undefined; mine: boolean } {
  const issued = useIssuedByMe(subject, setting.signedIn);
  const mine = issued?.state === "found" || issued?.state === "recorded";
  const token = subject.from === "token" ? subject.token : undefined;
  const verification = subject.from === "token" ? subject.verification : undefined;
  const now = useNow(1000);
  const owner = ownerOf(subject);
  const own = setting.signedIn && owner?.kind === "User" && typeof owner.name === "string";
  const generation = useQuery({ ...generationQuery(), enabled: own });
  const answer = generation.data;
  const { enforcer, projectNamespacePrefix } = setting;

  const facts = useMemo((): ExplainFacts | undefined => {
    if (now === null) return undefined;
    const known: OwnerFacts = { rights: "unknown", ...(mine ? { exists: true } : {}) };
    if (own && answer && answer.user === owner?.name && answer.tokenGeneration !== null)
      known.tokenGeneration = answer.tokenGeneration;
    const recorded = subject.from === "ledger" ? subject.recorded : undefined;
    return {
      credential: recorded ? recordedCredentialFacts(recorded) : tokenFacts(token!, verification),
      now,
      owner: recorded ? { ...recordedOwnerFacts(recorded), ...known } : known,
      enforcer,
      projectNamespacePrefix,
    };
  }, [
    subject,
    token,
    verification,
    now,
    mine,
    own,
    answer,
    owner,
    enforcer,
    projectNamespacePrefix,
  ]);
  return { facts, mine };
}

/** What issuing the subject again starts from: its scope (when readable), lifetime and kind. */
export function reissueBase(
  subject: ExplainSubject,
): (Omit<ScopeUrlState, "scope"> & { scope: AccessKeyScope }) | undefined {
  if (subject.from === "token") {
    const scope = subject.token.loft?.scope;
    if (!scope || scope.state !== "valid") return undefined;
    const { exp, iat } = subject.token.claims;
    const ttl =
      typeof exp === "number" && typeof iat === "number" && exp > iat ? exp - iat : undefined;
    return { scope: scope.scope, ttl };
  }
  const { recorded } = subject;
  const scope = readScope(recorded.scope);
  if (scope.state !== "valid") return undefined;
  return {
    scope: scope.scope,
    ttl: recorded.ttl,
    ...(recorded.kind === "accessKey" ? { credential: "accesskey" as const } : {}),
  };
}
