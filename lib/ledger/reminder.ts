import { activeEntries, getEntry, type LedgerEntry, type Owner } from "@/lib/ledger/store";
import type { StoreDb } from "@/lib/store/store-db";
import { isLedgerId } from "./page-params";
import { buildCalendar, type CalendarEvent } from "./ics";
import { issuedTtl } from "./entry-state";
import { entryScope, entryTitle, type EntryScope } from "./summary";

/**
 * Calendar reminders for issued tokens: one event at each token's expiry. What the ledger knows and
 * a person needs to find the token again (note, scope in words, token id, fingerprint) — never the
 * token itself, which the ledger does not have.
 */

const PRODID = "-//DCE Token Console//Issued tokens//EN";

const DAY = 86_400;
const HOUR = 3600;

/** A day before for tokens living two days or more, an hour before for shorter ones, else at expiry. */
export function alarmBefore(lifetimeSeconds: number | null): number {
  if (lifetimeSeconds === null || lifetimeSeconds >= 2 * DAY) return DAY;
  return lifetimeSeconds >= 2 * HOUR ? HOUR : 0;
}

type ReminderEntry = Pick<
  LedgerEntry,
  "id" | "tokenId" | "fingerprint" | "issuedScope" | "issuedAt" | "expiresAt" | "note"
> &
  Partial<Pick<LedgerEntry, "kind" | "credentialName">>;

function description(entry: ReminderEntry, scope: EntryScope): string {
  const key = entry.kind === "accesskey";
  const lines = [
    key
      ? `An access key you created (${entry.credentialName ?? "name unknown"}) expires now.`
      : "A Direct Cluster Endpoint Token you issued expires now.",
    ...(entry.note ? [`Note: ${entry.note}`] : []),
    `Issued: ${new Date(entry.issuedAt).toISOString()}`,
    "Scope:",
    ...(scope.state === "valid"
      ? (scope.description.kind === "scoped"
          ? scope.description.lines
          : [scope.description.headline]
        ).map((line) => `- ${line}`)
      : [`- A scope this console cannot read (${scope.issues.join("; ")})`]),
    ...(key ? [] : [`Token id (jti): ${entry.tokenId ?? "none"}`]),
    `Fingerprint (SHA-256): ${entry.fingerprint}`,
    key
      ? "Create a new access key before this one expires if it is still needed."
      : "Issue a new token before this one expires if it is still needed.",
  ];
  return lines.join("\n");
}

/** The event for one entry; undefined for a token without expiry (nothing to remind of). */
function reminderEvent(entry: ReminderEntry): CalendarEvent | undefined {
  if (entry.expiresAt === null) return undefined;
  const scope = entryScope(entry);
  return {
    uid: `${entry.id}@dce-token-console`,
    start: entry.expiresAt,
    summary: `${entry.kind === "accesskey" ? "Access key" : "DCE token"} expires: ${entryTitle(entry, scope)}`,
    description: description(entry, scope),
    alarmBeforeSeconds: alarmBefore(issuedTtl(entry)),
  };
}

/** A calendar with one event per entry that has an expiry. */
export function remindersCalendar(entries: ReminderEntry[], now: number) {
  const events = entries.flatMap((entry) => reminderEvent(entry) ?? []);
  return {
    events: events.length,
    text: buildCalendar({ prodId: PRODID, name: "DCE token expiries", events }, now),
  };
}

/**
 * The reminders file `GET /api/ledger/calendar` answers: for entry `id` of `owner`, or without an id
 * for every active entry of theirs; a message instead when there is nothing to remind of (an
 * unknown id, a token that never expires, no active token with an expiry).
 */
export async function remindersFile(
  db: StoreDb,
  owner: Owner,
  id: string | null,
  now = Date.now(),
): Promise<{ ok: true; text: string; filename: string } | { ok: false; message: string }> {
  let entries: LedgerEntry[];
  let filename: string;
  if (id !== null) {
    const entry = isLedgerId(id) ? await getEntry(db, owner, id) : undefined;
    if (!entry) return { ok: false, message: "You issued no token with this id." };
    if (entry.expiresAt === null)
      return { ok: false, message: "This token never expires: there is nothing to remind you of." };
    entries = [entry];
    filename = `dce-token-${entry.id.slice(0, 8)}.ics`;
  } else {
    entries = await activeEntries(db, owner, now);
    filename = "dce-tokens-active.ics";
  }
  const calendar = remindersCalendar(entries, now);
  if (calendar.events === 0)
    return { ok: false, message: "None of your active tokens has an expiry to remind you of." };
  return { ok: true, text: calendar.text, filename };
}
