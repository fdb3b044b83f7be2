"use client";

import { useEffect, useState } from "react";
import type { DecodedToken } from "@/lib/token/decode";
import { verifyToken, type KeySet, type VerifyResult } from "@/lib/token/verify";

export type Verification = VerifyResult | { status: "checking"; reason: string };

type Checked = { token: DecodedToken; keys: KeySet; value: VerifyResult };

/**
 * Verifies `token` against `keys` in the browser whenever either changes. Kept in component state
 * only (not in the query cache), so the token lives no longer than the page. `unavailable` is the
 * answer while there are no keys (loading, or the platform publishes none).
 */
export function useVerification(
  token: DecodedToken | undefined,
  keys: KeySet | undefined,
  unavailable: Verification,
): Verification | undefined {
  const [checked, setChecked] = useState<Checked>();
  useEffect(() => {
    if (!token || !keys) return;
    let cancelled = false;
    verifyToken(token, keys)
      .catch((error: unknown): VerifyResult => ({
        status: "not-checked",
        code: "invalid-key",
        reason: `The signature could not be checked: ${String(error)}`,
      }))
      .then((value) => {
        if (!cancelled) setChecked({ token, keys, value });
      });
    return () => {
      cancelled = true;
    };
  }, [token, keys]);

  if (!token) return undefined;
  if (!keys) return unavailable;
  return checked?.token === token && checked.keys === keys
    ? checked.value
    : { status: "checking", reason: "Checking the signature…" };
}
