import { clustersPickerList } from "@/lib/scope-builder/picker-routes";
import { withSessionRoute } from "@/lib/route-handlers";

export const dynamic = "force-dynamic";

/** Clusters for the Clusters picker, with the per-project fallback (lib/scope-builder/picker-routes.ts). */
export const GET = withSessionRoute(async (session, request) =>
  clustersPickerList(request, session.accessKey),
);
