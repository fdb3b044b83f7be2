import { PAGE_SIZE, toPickerItem, type PickerPage } from "@/lib/api/pickers";
import { withSessionRoute } from "@/lib/api/route";
import { listProjects } from "@/lib/management/resources";

export const dynamic = "force-dynamic";

export const GET = withSessionRoute(async (session, request) => {
  const params = new URL(request.url).searchParams;
  const list = await listProjects(session.accessKey, {
    limit: PAGE_SIZE,
    continue: params.get("continue") ?? undefined,
    search: params.get("search")?.slice(0, 100) || undefined,
  });
  const page: PickerPage = {
    items: list.items.map(toPickerItem),
    continue: list.metadata.continue || undefined,
    remaining: list.metadata.remainingItemCount,
  };
  return Response.json(page, { headers: { "cache-control": "private, no-cache" } });
});
