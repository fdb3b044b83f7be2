import { pickerList } from "@/lib/api/picker-lists";
import { withSessionRoute } from "@/lib/api/route";
import { listProjects } from "@/lib/management/resources";

export const dynamic = "force-dynamic";

export const GET = withSessionRoute(async (session, request) =>
  pickerList({
    request,
    accessKey: session.accessKey,
    list: "projects",
    fetchPage: (q) => listProjects(session.accessKey, q),
  }),
);
