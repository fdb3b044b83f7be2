import { scopeInWords } from "@/lib/ledger/summary";
import type { LedgerEntry } from "@/lib/store/ledger";

/** What the console tells a user about one of their ledger entries (never the token itself). */
export interface LedgerSummary {
  id: string;
  /** Milliseconds since the epoch. */
  issuedAt: number;
  expiresAt: number | null;
  note: string | null;
  /** The scope the token carries, in words. */
  scope: string;
  revokedAt: number | null;
  /** The token generation it was issued under (`loft.sh.gen`, absent = 0). */
  generation: number;
}

export function ledgerSummary(entry: LedgerEntry): LedgerSummary {
  return {
    id: entry.id,
    issuedAt: entry.issuedAt,
    expiresAt: entry.expiresAt,
    note: entry.note,
    scope: scopeInWords(entry.issuedScope),
    revokedAt: entry.revokedAt,
    generation: entry.generation,
  };
}
