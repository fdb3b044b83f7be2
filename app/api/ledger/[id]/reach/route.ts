import { statusResponse, withSessionRoute } from "@/lib/route-handlers";
import { busyResponse, inResolutionSlot } from "@/lib/kubeconfig/resolution-slot";
import { isLedgerId } from "@/lib/ledger/page-params";
import { reachesByWildcard, recordedReach, wildcardReach } from "@/lib/ledger/reach";
import { readScopeOrUndefined } from "@/lib/scope/read";
import { getStore } from "@/lib/store";
import { getEntry } from "@/lib/ledger/store";
import { ledgerOwnerOf } from "@/lib/ledger/entry";

export const dynamic = "force-dynamic";

/**
 * `GET /api/ledger/<id>/reach` → `{ then: WildcardReach | null, now: WildcardReach }`: what the
 * token's `*` entries and whole projects reached when it was issued (null when that was not
 * recorded) and what they reach now, listed with the signed-in user's key. 404 for an entry that is
 * not the user's, 400 for a token whose scope has no wildcard, 429 (Retry-After) while the user has
 * two listings running. Errors are Kubernetes Status bodies.
 */
export const GET = withSessionRoute(
  async (session, _request, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    const { db } = await getStore();
    const entry = isLedgerId(id) ? await getEntry(db, ledgerOwnerOf(session), id) : undefined;
    if (!entry) return statusResponse(404, "NotFound", "You issued no token with this id.");
    const scope = readScopeOrUndefined(entry.issuedScope);
    if (!scope || !reachesByWildcard(scope))
      return statusResponse(
        400,
        "BadRequest",
        "This token's scope has no * entries or whole projects: what it reaches does not change.",
      );
    const listed = await inResolutionSlot(session, () => wildcardReach(session, scope));
    if (listed.busy) return busyResponse();
    return Response.json(
      { then: recordedReach(entry.reach), now: listed.value },
      { headers: { "cache-control": "no-store" } },
    );
  },
);
