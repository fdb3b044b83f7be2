import "server-only";
import { ledgerOwnerOf } from "@/lib/ledger/entry";
import type { SessionData } from "@/lib/session/session";
import { getStore } from "@/lib/store";
import { getEntry, listLedger } from "@/lib/ledger/store";
import { issuedOptionOf, type IssuedOption } from "./issued-options";
import { recordedCredentialOf, type RecordedCredential } from "./recorded-credential";

/** How many of the latest credentials a user issued are offered for choosing. */
const OFFERED = 50;

/** The user's latest credentials as Compare offers them: manifests of their scope and lifetime. */
export async function issuedOptions(session: SessionData): Promise<IssuedOption[]> {
  const { db } = await getStore();
  const { entries } = await listLedger(db, ledgerOwnerOf(session), { limit: OFFERED });
  return entries.map(issuedOptionOf);
}

/**
 * The user's latest credentials as the inspector explains them (what the ledger recorded), and the
 * entry `entryId` names when it is older; another user's entry is never found.
 */
export async function recordedCredentials(
  session: SessionData,
  entryId: string | undefined,
): Promise<RecordedCredential[]> {
  const { db } = await getStore();
  const owner = ledgerOwnerOf(session);
  const { entries } = await listLedger(db, owner, { limit: OFFERED });
  const named =
    entryId && !entries.some((e) => e.id === entryId)
      ? await getEntry(db, owner, entryId)
      : undefined;
  return (named ? [named, ...entries] : entries).map(recordedCredentialOf);
}
