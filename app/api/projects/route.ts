import { pickerQuery, pickerResponse } from "@/lib/api/pickers";
import { withSessionRoute } from "@/lib/api/route";
import { listProjects } from "@/lib/management/resources";

export const dynamic = "force-dynamic";

export const GET = withSessionRoute(async (session, request) =>
  pickerResponse(await listProjects(session.accessKey, pickerQuery(request))),
);
