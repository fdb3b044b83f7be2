"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { HttpError } from "@/lib/query-client";
import { jwksQuery } from "@/lib/token/queries";
import type { DecodedToken } from "@/lib/token/decode";
import { NO_PUBLISHED_KEYS, verifyToken, type KeySet, type VerifyResult } from "@/lib/token/verify";

export type Verification = VerifyResult | { verdict: "checking"; reason: string };

/** What the keys are called in a verification's reason ("Signed with RS256 by …"). */
const PLATFORM_KEYS = "the platform's published keys (JWKS)";

/** A signature check: its result, and what the platform's keys allow the caller to offer. */
export interface VerificationCheck {
  result: Verification | undefined;
  platform: {
    /** The platform publishes no keys (404): only a pasted certificate can check the token. */
    notPublished: boolean;
    /** Reading the keys failed otherwise: worth a retry. */
    failed: boolean;
    retry: () => void;
  };
}

type Checked = { token: DecodedToken; keys: KeySet; value: VerifyResult };

const PASTE_A_KEY: Verification = {
  verdict: "not-checked",
  code: "no-keys",
  reason: "Paste a public key to check the signature.",
};

/**
 * The signature check of the viewer and the inspector (which checks a pasted token once and hands
 * the check to its panels): `token` verified in the browser against the platform's published keys
 * (same-origin /api/jwks, read only while `keys` is "platform") or a key set the user pasted
 * (undefined until there is one). Kept in component state only (not in the query cache), so the
 * token lives only as long as the page. `result` says why while it cannot be checked (keys loading,
 * none published, none pasted); `platform` tells the caller what it may offer (paste a certificate
 * instead, retry loading).
 */
export function useVerification(
  token: DecodedToken | undefined,
  keys: "platform" | KeySet | undefined,
  { notPublished = NO_PUBLISHED_KEYS }: { notPublished?: string } = {},
): VerificationCheck {
  const fromPlatform = keys === "platform";
  const jwks = useQuery({ ...jwksQuery(), enabled: fromPlatform });
  const platformKeys = useMemo<KeySet | undefined>(
    () => (jwks.data ? { jwks: jwks.data, label: PLATFORM_KEYS } : undefined),
    [jwks.data],
  );
  const checkWith = fromPlatform ? platformKeys : keys;
  const [checked, setChecked] = useState<Checked>();
  useEffect(() => {
    if (!token || !checkWith) return;
    let cancelled = false;
    verifyToken(token, checkWith)
      .catch((error: unknown): VerifyResult => ({
        verdict: "not-checked",
        code: "invalid-key",
        reason: `The signature could not be checked: ${String(error)}`,
      }))
      .then((value) => {
        if (!cancelled) setChecked({ token, keys: checkWith, value });
      });
    return () => {
      cancelled = true;
    };
  }, [token, checkWith]);

  const missing = jwks.error instanceof HttpError && jwks.error.status === 404;
  let result: Verification | undefined;
  if (!token) result = undefined;
  else if (checkWith)
    result =
      checked?.token === token && checked.keys === checkWith
        ? checked.value
        : { verdict: "checking", reason: "Checking the signature…" };
  else if (!fromPlatform) result = PASTE_A_KEY;
  else if (jwks.isError)
    result = {
      verdict: "not-checked",
      code: "no-keys",
      reason: missing
        ? notPublished
        : `The platform's signing keys could not be loaded: ${jwks.error.message}`,
    };
  else result = { verdict: "checking", reason: "Loading the platform's signing keys…" };

  return {
    result,
    platform: {
      notPublished: fromPlatform && missing,
      failed: fromPlatform && jwks.isError && !missing,
      retry: () => void jwks.refetch(),
    },
  };
}
