import { pickerList } from "@/lib/scope-builder/picker-routes";
import { statusResponse, withSessionRoute } from "@/lib/route-handlers";
import { listInstances } from "@/lib/management/resources";
import { DNS_LABEL } from "@/lib/scope/schema";

export const dynamic = "force-dynamic";

const KINDS = { spaces: "spaceinstances", virtualclusters: "virtualclusterinstances" } as const;

export const GET = withSessionRoute(
  async (session, request, { params }: { params: Promise<{ project: string; kind: string }> }) => {
    const { project, kind } = await params;
    const resource = KINDS[kind as keyof typeof KINDS];
    if (!resource) return statusResponse(404, "NotFound", `Unknown list "${kind}".`);
    if (!DNS_LABEL.test(project) || project.length > 63)
      return statusResponse(
        400,
        "BadRequest",
        `"${project.slice(0, 70)}" is not a valid project name.`,
      );
    const namespace = `${session.projectNamespacePrefix}${project}`;
    return pickerList({
      request,
      accessKey: session.accessKey,
      list: `${resource}:${namespace}`,
      fetchPage: (q) => listInstances(session.accessKey, resource, namespace, q),
    });
  },
);
