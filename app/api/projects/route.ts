import { pickerList } from "@/lib/scope-builder/picker-routes";
import { withSessionRoute } from "@/lib/route-handlers";
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
