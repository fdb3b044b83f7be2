import crypto from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { readOwnGeneration } from "@/lib/revocation/own-user";
import { ledgerSummary } from "@/lib/ledger/summary";
import { requireSession } from "@/lib/session/require";
import { getStore } from "@/lib/store";
import { activeEntries } from "@/lib/ledger/store";
import { ActiveTokenList } from "@/components/ledger/active-token-list";
import { AccessKeysUnaffected } from "@/components/ledger/access-keys-unaffected";
import { KnownAndUnknown } from "@/components/ledger/known-and-unknown";
import { RevokeForm } from "@/components/ledger/revoke-form";
import { revokeAllTokens } from "./actions";
import { ledgerOwnerOf } from "@/lib/ledger/entry";

export const metadata: Metadata = { title: "Revoke all tokens I issued" };

/**
 * Revoking every token of the signed-in user, the one way the platform offers: raising their
 * `spec.tokenGeneration`. Shows first what stops working and what does not.
 */
export default async function RevokeAllPage() {
  const session = await requireSession("/tokens/issued/revoke");
  const [own, { db }] = await Promise.all([
    readOwnGeneration(session.accessKey, session.principal),
    getStore(),
  ]);
  // Raising the token generation ends tokens only: access keys are listed apart, as unaffected.
  const active = await activeEntries(db, ledgerOwnerOf(session));
  const entries = active.filter((e) => e.kind === "token").map(ledgerSummary);
  const keys = active.length - entries.length;

  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/tokens/issued" className="underline underline-offset-4">
            Issued tokens
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Revoke all tokens I issued</h1>
      </div>

      {own.state === "user" ? (
        <>
          <p>
            This raises your token generation on the platform (<code>users/{own.user}</code>{" "}
            <code>spec.tokenGeneration</code>, now <strong>{own.generation}</strong>) to{" "}
            <strong>{own.generation + 1}</strong>. Every Direct Cluster Endpoint Token of {own.user}{" "}
            issued before then stops working: the ones below, and also every one issued outside this
            console, with kubectl, curl or any other client, which this console cannot list.
          </p>
          <ActiveTokenList
            entries={entries}
            heading={`Tokens issued through this console that stop working (${entries.length})`}
            empty="None of the tokens this console issued for you is still active. Revoking still ends the tokens you issued elsewhere."
          />
          <AccessKeysUnaffected count={keys} />
          <KnownAndUnknown />
          <RevokeForm submissionId={crypto.randomUUID()} revoke={revokeAllTokens} />
        </>
      ) : (
        <>
          <Alert tone="warning" data-testid="cannot-revoke">
            {own.state === "team" ? (
              <>
                You are signed in as team <strong>{own.team}</strong>. Teams have no token
                generation on the platform (<code>spec.tokenGeneration</code> exists only on users),
                so a team&apos;s tokens cannot be revoked before they expire.
              </>
            ) : (
              <>
                This cannot be done from here: your user object <code>users/{own.user}</code> could
                not be read with your access key, so its current token generation is unknown. The
                platform said: {own.error.message}. A platform admin can raise{" "}
                <code>spec.tokenGeneration</code> of <code>users/{own.user}</code> for you.
              </>
            )}
          </Alert>
          <ActiveTokenList
            entries={entries}
            heading={`Tokens issued through this console that are still active (${entries.length})`}
            empty="None of the tokens this console issued for you is still active."
          />
          <AccessKeysUnaffected count={keys} />
        </>
      )}
    </div>
  );
}
