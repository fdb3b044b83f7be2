import { queryOptions } from "@tanstack/react-query";
import type { ReachAnswer } from "@/lib/ledger/compare-reach";
import { getJson } from "@/lib/query-client";

/** What a ledger entry's wildcards reached at issue time and reach now (GET /api/ledger/<id>/reach). */
export const ledgerReachQuery = (id: string) =>
  queryOptions({
    queryKey: ["ledger-reach", id],
    queryFn: ({ signal }) =>
      getJson<ReachAnswer>(`/api/ledger/${encodeURIComponent(id)}/reach`, signal),
    // "Now" means now: each Compare asks the platform again.
    staleTime: 0,
    gcTime: 60_000,
  });
