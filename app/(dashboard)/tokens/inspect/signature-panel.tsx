"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { SignatureBadge } from "@/components/token-viewer/signature-badge";
import { Button } from "@/components/ui/button";
import { HttpError } from "@/lib/query/client";
import { jwksQuery } from "@/lib/query/jwks";
import type { DecodedToken } from "@/lib/token/decode";
import { NO_PUBLISHED_KEYS, type KeySet } from "@/lib/token/verify";
import { PastedKeyField } from "./pasted-key-field";
import { useVerification, type Verification } from "./use-verification";

const PLATFORM = "the platform's published keys (JWKS)";

/** Signature check against the platform's JWKS (same-origin /api/jwks) or a pasted public key. */
export function SignaturePanel({ token }: { token: DecodedToken }) {
  const [source, setSource] = useState<"platform" | "pasted">("platform");
  const [pasted, setPasted] = useState<KeySet>();
  const jwks = useQuery({ ...jwksQuery(), enabled: source === "platform" });
  const platformKeys = useMemo<KeySet | undefined>(
    () => (jwks.data ? { jwks: jwks.data, label: PLATFORM } : undefined),
    [jwks.data],
  );
  const keys = source === "platform" ? platformKeys : pasted;
  const noKeys = jwks.error instanceof HttpError && jwks.error.status === 404;
  const unavailable: Verification =
    source === "pasted"
      ? {
          status: "not-checked",
          code: "no-keys",
          reason: "Paste a public key to check the signature.",
        }
      : jwks.isError
        ? {
            status: "not-checked",
            code: "no-keys",
            reason:
              jwks.error instanceof HttpError && jwks.error.status === 404
                ? NO_PUBLISHED_KEYS
                : `The platform's signing keys could not be loaded: ${jwks.error.message}`,
          }
        : { status: "checking", reason: "Loading the platform's signing keys…" };
  const result = useVerification(token, keys, unavailable);

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
      {source === "platform" && noKeys ? (
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
      {source === "platform" && jwks.isError && !noKeys ? (
        <Button variant="secondary" onClick={() => void jwks.refetch()}>
          Retry loading keys
        </Button>
      ) : null}
    </div>
  );
}
