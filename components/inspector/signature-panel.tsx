"use client";

import { useState } from "react";
import { SignatureBadge } from "@/components/token-viewer/signature-badge";
import {
  useVerification,
  type VerificationCheck,
} from "@/components/token-viewer/use-verification";
import { Button } from "@/components/ui/button";
import type { DecodedToken } from "@/lib/token/decode";
import type { KeySet } from "@/lib/token/verify";
import { PastedKeyField } from "./pasted-key-field";

/**
 * Signature check against the platform's JWKS (same-origin /api/jwks) — `platformCheck`, the
 * inspector's one check of the token, shared with its other panels — or a pasted public key,
 * checked here.
 */
export function SignaturePanel({
  token,
  platformCheck,
}: {
  token: DecodedToken;
  platformCheck: VerificationCheck;
}) {
  const [source, setSource] = useState<"platform" | "pasted">("platform");
  const [pasted, setPasted] = useState<KeySet>();
  const pastedCheck = useVerification(source === "pasted" ? token : undefined, pasted);
  const { result, platform } = source === "platform" ? platformCheck : pastedCheck;

  return (
    <div className="space-y-3">
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Check the signature against</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {(
            [
              ["platform", "The platform's signing keys"],
              ["pasted", "A public key I paste"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="key-source"
                checked={source === value}
                onChange={() => {
                  setSource(value);
                  setPasted(undefined);
                }}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {source === "pasted" ? <PastedKeyField onKeys={setPasted} /> : null}
      {platform.notPublished ? (
        <Button
          variant="secondary"
          onClick={() => {
            setSource("pasted");
            setPasted(undefined);
          }}
        >
          Paste the token CA certificate
        </Button>
      ) : null}
      {result ? <SignatureBadge result={result} /> : null}
      {platform.failed ? (
        <Button variant="secondary" onClick={platform.retry}>
          Retry loading keys
        </Button>
      ) : null}
    </div>
  );
}
