import { describe, expect, it } from "vitest";
import { parseActivity } from "@/lib/explain/activity";
import { shellCommands } from "@/lib/explain/activity-shell";
import { kubeconfigText } from "@/lib/kubeconfig/assemble";
import type { ResolvedTarget } from "@/lib/kubeconfig/targets";

const HOST = "https://platform.example.com";
const VC = `${HOST}/kubernetes/project/default/virtualcluster/x`;
const SPACE = `${HOST}/kubernetes/project/dev/space/a`;
const vc = (project: string, virtualCluster: string) =>
  ({ kind: "ProjectVirtualCluster", project, virtualCluster }) as const;

const only = (text: string) => {
  const parsed = parseActivity(text);
  expect(parsed.problems.filter((p) => p.level === "error")).toEqual([]);
  return parsed.requests.map((r) => r.request);
};

describe("kubectl lines", () => {
  it("reads --server, namespaces, lists and named gets", () => {
    expect(only(`kubectl get pods -n web --server ${VC}`)).toEqual([
      { target: vc("default", "x"), verb: "list", resource: "pods", namespace: "web" },
    ]);
    expect(only(`kubectl get deploy/api svc/api -A -s=${VC}/`)).toEqual([
      {
        target: vc("default", "x"),
        verb: "get",
        apiGroup: "apps",
        resource: "deployments",
        name: "api",
      },
      { target: vc("default", "x"), verb: "get", resource: "services", name: "api" },
    ]);
    expect(only(`kubectl --server=${SPACE} get nodes -w`)).toEqual([
      {
        target: { kind: "ProjectSpace", project: "dev", space: "a" },
        verb: "list",
        resource: "nodes",
      },
      {
        target: { kind: "ProjectSpace", project: "dev", space: "a" },
        verb: "watch",
        resource: "nodes",
      },
    ]);
  });

  it("maps commands to the requests they make", () => {
    const verbs = (cmd: string) =>
      only(`kubectl --server ${VC} ${cmd}`).map((r) =>
        [
          r.verb,
          r.resource && (r.subresource ? `${r.resource}/${r.subresource}` : r.resource),
          r.name,
        ]
          .filter(Boolean)
          .join(" "),
      );
    expect(verbs("apply -f deploy.yaml")).toEqual(["get", "patch", "create"]);
    expect(verbs("delete pod web-0")).toEqual(["delete pods web-0"]);
    expect(verbs("delete pods --all")).toEqual(["list pods", "delete pods"]);
    expect(verbs("logs -f web-0 -c app")).toEqual(["get pods web-0", "get pods/log web-0"]);
    expect(verbs("exec -it web-0 -- sh -c 'ls -l'")).toEqual([
      "get pods web-0",
      "create pods/exec web-0",
    ]);
    expect(verbs("scale deploy api --replicas=3")).toEqual(["patch deployments/scale api"]);
    expect(verbs("rollout restart deployment/api")).toEqual([
      "get deployments api",
      "patch deployments api",
    ]);
    expect(verbs("port-forward svc/api 8080:80")).toEqual([
      "get services api",
      "list pods",
      "create pods/portforward",
    ]);
    expect(verbs("create secret generic creds --from-literal=a=b")).toEqual([
      "create secrets creds",
    ]);
    expect(verbs("patch deploy api -p '{\"spec\":{}}'")).toEqual(["patch deployments api"]);
    expect(verbs("label pod web-0 tier=front")).toEqual(["get pods web-0", "patch pods web-0"]);
    expect(verbs("auth can-i list pods")).toEqual(["create selfsubjectaccessreviews"]);
    expect(verbs("version")).toEqual(["get"]);
    expect(
      only(`kubectl --server ${VC} get --raw '/apis/apps/v1/namespaces/web/deployments?watch=1'`),
    ).toEqual([
      {
        target: vc("default", "x"),
        verb: "watch",
        apiGroup: "apps",
        resource: "deployments",
        namespace: "web",
      },
    ]);
  });

  it("resolves contexts through a pasted kubeconfig, declarations and the console's names", () => {
    const target = (
      id: string,
      kind: ResolvedTarget["kind"],
      project: string | undefined,
      name: string,
      server: string,
    ) =>
      ({
        id,
        kind,
        project,
        name,
        from: [],
        endpoint: { server, insecureSkipTlsVerify: false },
      }) as ResolvedTarget;
    const kubeconfig = kubeconfigText(
      [
        target("virtualcluster:default/x", "virtualcluster", "default", "x", VC),
        target(
          "cluster:eu",
          "cluster",
          undefined,
          "eu",
          "https://eu.example.com/kubernetes/cluster",
        ),
      ],
      "secret",
      { generatedAt: "2026-01-01T00:00:00Z" },
    );
    const text = [
      "kubectl get pods",
      "kubectl --context dce_cluster_eu get ns",
      "kubectl --context ci get pods",
      "kubectl --context dce_space_dev_a get cm",
      "context ci = https://platform.example.com/kubernetes/project/ops/virtualcluster/ci",
      kubeconfig,
      "kubectl config use-context dce_cluster_eu",
      "kubectl get nodes",
    ].join("\n");
    const parsed = parseActivity(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.requests.map((r) => [r.line, r.request.target])).toEqual([
      [1, vc("default", "x")], // the kubeconfig's current context
      [2, { kind: "Cluster", cluster: "eu" }],
      [3, vc("ops", "ci")],
      [4, { kind: "ProjectSpace", project: "dev", space: "a" }],
      [expect.any(Number), { kind: "Cluster", cluster: "eu" }],
    ]);
  });

  it("names a cluster's direct endpoint only when told which cluster it is", () => {
    const line = "kubectl get pods --server https://eu.example.com/kubernetes/cluster";
    expect(parseActivity(line).problems).toEqual([
      { line: 1, level: "error", message: expect.stringMatching(/does not name the cluster/) },
    ]);
    expect(
      only(`cluster eu = https://eu.example.com/kubernetes/cluster/\n${line}`)[0]!.target,
    ).toEqual({
      kind: "Cluster",
      cluster: "eu",
    });
    expect(only(`kubectl get pods --server ${HOST}/kubernetes/cluster/us`)[0]!.target).toEqual({
      kind: "Cluster",
      cluster: "us",
    });
  });

  it("reports unreadable lines with their number and why, and keeps the others", () => {
    const text = [
      "# a comment",
      `kubectl get pods --server ${VC}`,
      "ls -la",
      "kubectl get pods --context nowhere",
      "kubectl get pods 'unterminated",
      "kubectl get",
      "kubectl apply",
      `kubectl get pods --server ${HOST}/elsewhere`,
      "context broken = not a url",
      `kubectl config view`,
      `kubectl apply -f x.yaml --dry-run=client --server ${VC}`,
      `kubectl frobnicate --server ${VC}`,
    ].join("\n");
    const parsed = parseActivity(text);
    expect(parsed.requests.map((r) => r.line)).toEqual([2, 12]);
    expect(parsed.problems.map((p) => [p.line, p.level, p.message])).toEqual([
      [3, "error", expect.stringMatching(/not a kubectl command/)],
      [4, "error", expect.stringMatching(/context nowhere is not known/)],
      [5, "error", "unterminated single quote"],
      [6, "error", expect.stringMatching(/kubectl get names no resource type/)],
      [7, "error", expect.stringMatching(/needs -f or -k/)],
      [8, "error", expect.stringMatching(/is not a direct endpoint/)],
      [9, "error", expect.stringMatching(/not a URL/)],
      [10, "warning", expect.stringMatching(/runs locally/)],
      [11, "warning", expect.stringMatching(/dry run makes no request/)],
      [12, "warning", expect.stringMatching(/not a command this page knows/)],
    ]);
  });

  it("splits shell words and commands", () => {
    expect(
      shellCommands(
        `FOO=1 kubectl get pods -l 'app in (a, b)' | grep web && echo "a \\"b\\"" 2>&1`,
      ),
    ).toEqual({
      commands: [
        ["FOO=1", "kubectl", "get", "pods", "-l", "app in (a, b)"],
        ["grep", "web"],
        ["echo", 'a "b"'],
      ],
    });
  });
});

const event = (fields: Record<string, unknown>) =>
  JSON.stringify({
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level: "Metadata",
    stage: "ResponseComplete",
    responseStatus: { metadata: {}, code: 200 },
    ...fields,
  });

describe("audit events", () => {
  it("reads the target from requestURI and the verb and object from the event", () => {
    const text = [
      event({
        auditID: "1",
        verb: "list",
        requestURI:
          "/kubernetes/project/default/virtualcluster/x/api/v1/namespaces/web/pods?limit=500",
        objectRef: { resource: "pods", namespace: "web", apiVersion: "v1" },
      }),
      event({
        auditID: "2",
        verb: "get",
        requestURI: "/kubernetes/project/dev/space/a/version",
      }),
      event({
        auditID: "3",
        verb: "create",
        requestURI:
          "/kubernetes/management/apis/management.loft.sh/v1/namespaces/p-demo/virtualclusterinstances",
        objectRef: {
          resource: "virtualclusterinstances",
          namespace: "p-demo",
          apiGroup: "management.loft.sh",
        },
        responseStatus: { code: 403 },
      }),
    ].join("\n");
    const parsed = parseActivity(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.requests.map((r) => [r.request, r.outcome])).toEqual([
      [
        { target: vc("default", "x"), verb: "list", resource: "pods", namespace: "web" },
        "succeeded",
      ],
      [
        {
          target: { kind: "ProjectSpace", project: "dev", space: "a" },
          verb: "get",
          nonResourceURL: "/version",
        },
        "succeeded",
      ],
      [
        {
          target: { kind: "Management", project: "demo" },
          verb: "create",
          apiGroup: "management.loft.sh",
          resource: "virtualclusterinstances",
          namespace: "p-demo",
        },
        "refused",
      ],
    ]);
  });

  it("counts a request logged at several stages once, and takes a log's own target from `server =`", () => {
    const uri = "/api/v1/namespaces/web/pods/web-0/log";
    const text = [
      `server = ${VC}`,
      event({
        auditID: "a",
        stage: "RequestReceived",
        verb: "get",
        requestURI: uri,
        responseStatus: undefined,
      }),
      event({ auditID: "a", verb: "get", requestURI: uri }),
      JSON.stringify({
        kind: "EventList",
        apiVersion: "audit.k8s.io/v1",
        items: [JSON.parse(event({ verb: "get", requestURI: "/version" }))],
      }),
    ].join("\n");
    const parsed = parseActivity(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.requests.map((r) => [r.line, r.request])).toEqual([
      [
        3,
        {
          target: vc("default", "x"),
          verb: "get",
          resource: "pods",
          subresource: "log",
          name: "web-0",
          namespace: "web",
        },
      ],
      [4, { target: vc("default", "x"), verb: "get", nonResourceURL: "/version" }],
    ]);
  });

  it("takes the cluster, or a prefix-less path's target, from the console's annotations", () => {
    const text = [
      event({
        verb: "list",
        requestURI: "/kubernetes/cluster/api/v1/nodes",
        annotations: { "authorization.k8s.io/decision": "allow", "dce.loft.sh/cluster": "eu" },
      }),
      event({
        verb: "get",
        requestURI: "/version",
        annotations: { "dce.loft.sh/project": "dev", "dce.loft.sh/space": "a" },
      }),
    ].join("\n");
    expect(only(text).map((r) => r.target)).toEqual([
      { kind: "Cluster", cluster: "eu" },
      { kind: "ProjectSpace", project: "dev", space: "a" },
    ]);
  });

  it("reports malformed events", () => {
    const text = [
      "{not json",
      JSON.stringify({ kind: "Pod", apiVersion: "v1" }),
      JSON.stringify({ kind: "Event", apiVersion: "v1", verb: "get", requestURI: "/version" }),
      event({ verb: "get" }),
      event({ requestURI: "/kubernetes/project/default/virtualcluster/x/version" }),
      event({ verb: "get", requestURI: "/api/v1/pods" }),
      event({ verb: "get", requestURI: "/kubernetes/cluster/api/v1/pods" }),
    ].join("\n");
    expect(parseActivity(text).problems.map((p) => [p.line, p.message])).toEqual([
      [1, expect.stringMatching(/^not JSON/)],
      [2, 'kind is "Pod", not Event'],
      [3, 'apiVersion is "v1", not audit.k8s.io/v1'],
      [4, "the event has no requestURI"],
      [5, "the event has no verb"],
      [6, expect.stringMatching(/names no target.*server = /)],
      [7, expect.stringMatching(/does not name the cluster/)],
    ]);
  });
});
