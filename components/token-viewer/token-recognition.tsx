"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import {
  useTokenRecognition,
  type GenerationCheck,
  type IssuedRecord,
} from "@/components/token-viewer/use-token-recognition";
import type { DecodedToken } from "@/lib/token/decode";
import { formatClaimDate } from "@/lib/token/time";

const on = (ms: number) => formatClaimDate(ms / 1000) ?? new Date(ms).toISOString();

function Issued({ issued }: { issued: IssuedRecord }) {
  switch (issued.state) {
    case "checking":
      return <p className="text-sm text-zinc-600 dark:text-zinc-400">Looking it up…</p>;
    case "not-found":
      return (
        <p className="text-sm">
          Not issued by you through this console (it may have been issued elsewhere, or by someone
          else).
        </p>
      );
    case "unknown":
      return (
        <p className="text-sm">
          Whether you issued it through this console is unknown: {issued.reason}.
        </p>
      );
    case "found": {
      const { entry } = issued;
      return (
        <p className="text-sm" data-testid="issued-by-you">
          Issued by you on {on(entry.issuedAt)}
          {entry.note ? <> for &ldquo;{entry.note}&rdquo;</> : null}.
          {entry.revokedAt !== null ? (
            <> Marked revoked in this console on {on(entry.revokedAt)}.</>
          ) : null}{" "}
          <Link href="/tokens/issued" className="underline underline-offset-4">
            Issued tokens
          </Link>
        </p>
      );
    }
  }
}

function Revocation({ check }: { check: GenerationCheck }) {
  if (check.state === "checking")
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Reading your token generation from the platform…
      </p>
    );
  if (check.state === "unknown")
    return (
      <p className="text-sm" data-testid="revocation-status">
        Revoked or not: unknown. The token generation of users/{check.user} could not be read:{" "}
        {check.reason}.
      </p>
    );
  return check.revoked ? (
    <Alert tone="error" data-testid="revocation-status">
      <span className="mr-2 rounded-full bg-red-200 px-2 py-0.5 text-xs font-semibold text-red-950">
        Revoked
      </span>
      Revoked: the user&apos;s token generation is now {check.current}; this token carries{" "}
      {check.carried}. The platform refuses it whatever its expiry says.
    </Alert>
  ) : (
    <p className="text-sm" data-testid="revocation-status">
      Not revoked: the user&apos;s token generation is {check.current}; this token carries{" "}
      {check.carried}.
    </p>
  );
}

/**
 * For a signed-in user: whether they issued the pasted token through this console, and whether a
 * raised token generation revoked it (distinct from expiry). Renders nothing when there is nothing
 * to say (signed out; someone else's token and not in the ledger).
 */
export function TokenRecognition({ token, signedIn }: { token: DecodedToken; signedIn: boolean }) {
  const { issued, revocation } = useTokenRecognition(token, signedIn);
  if (!issued && !revocation) return null;
  return (
    <section
      aria-label="Issued by you and revocation"
      className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/40"
    >
      <div role="status" aria-live="polite" className="space-y-2">
        {revocation ? <Revocation check={revocation} /> : null}
        {issued ? <Issued issued={issued} /> : null}
      </div>
    </section>
  );
}
