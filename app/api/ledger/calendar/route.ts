import { statusResponse, withSessionRoute } from "@/lib/route-handlers";
import { ledgerOwnerOf } from "@/lib/ledger/entry";
import { remindersFile } from "@/lib/ledger/reminder";
import { getStore } from "@/lib/store";

export const dynamic = "force-dynamic";

/**
 * `GET /api/ledger/calendar?id=<ledger id>`: an iCalendar file with a reminder at that token's
 * expiry; without `id`, one reminder per active token of the signed-in user. Only the user's own
 * entries on this platform: any other id is 404. Tokens without an expiry get no event; a request
 * that would give no event at all is 404 too. The file never holds a token (the ledger has none).
 */
export const GET = withSessionRoute(async (session, request) => {
  const id = new URL(request.url).searchParams.get("id");
  const answer = await remindersFile((await getStore()).db, ledgerOwnerOf(session), id);
  if (!answer.ok) return statusResponse(404, "NotFound", answer.message);
  return new Response(answer.text, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="${answer.filename}"`,
      "cache-control": "no-store",
    },
  });
});
