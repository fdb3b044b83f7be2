import { statusResponse, withSessionRoute } from "@/lib/route-handlers";
import { isLedgerId } from "@/lib/ledger/page-params";
import { remindersCalendar } from "@/lib/ledger/reminder";
import { getStore } from "@/lib/store";
import { activeEntries, getEntry } from "@/lib/ledger/store";
import { ledgerOwnerOf } from "@/lib/ledger/entry";

export const dynamic = "force-dynamic";

/**
 * `GET /api/ledger/calendar?id=<ledger id>`: an iCalendar file with a reminder at that token's
 * expiry; without `id`, one reminder per active token of the signed-in user. Only the user's own
 * entries on this platform: any other id is 404. Tokens without an expiry get no event; a request
 * that would give no event at all is 404 too. The file never holds a token (the ledger has none).
 */
export const GET = withSessionRoute(async (session, request) => {
  const id = new URL(request.url).searchParams.get("id");
  const { db } = await getStore();
  const owner = ledgerOwnerOf(session);
  const now = Date.now();
  let entries;
  let filename: string;
  if (id !== null) {
    const entry = isLedgerId(id) ? await getEntry(db, owner, id) : undefined;
    if (!entry) return statusResponse(404, "NotFound", "You issued no token with this id.");
    if (entry.expiresAt === null)
      return statusResponse(
        404,
        "NotFound",
        "This token never expires: there is nothing to remind you of.",
      );
    entries = [entry];
    filename = `dce-token-${entry.id.slice(0, 8)}.ics`;
  } else {
    entries = await activeEntries(db, owner, now);
    filename = "dce-tokens-active.ics";
  }
  const calendar = remindersCalendar(entries, now);
  if (calendar.events === 0)
    return statusResponse(
      404,
      "NotFound",
      "None of your active tokens has an expiry to remind you of.",
    );
  return new Response(calendar.text, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});
