import { snapshotText } from "@/lib/kubeconfig/assemble";
import type { ResolvedTarget } from "@/lib/kubeconfig/targets";

const KIND: Record<ResolvedTarget["kind"], string> = {
  virtualcluster: "Virtual cluster",
  space: "Space",
  cluster: "Cluster",
};

function TargetName({ target }: { target: ResolvedTarget }) {
  const name = target.kind === "cluster" ? target.name : `${target.project}/${target.name}`;
  return (
    <>
      <span className="block text-xs text-zinc-600 dark:text-zinc-400">{KIND[target.kind]}</span>
      <code className="font-mono text-xs break-all">{name}</code>
      {target.displayName ? <span className="block text-xs">{target.displayName}</span> : null}
      {target.kind !== "cluster" && target.cluster ? (
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">
          in cluster {target.cluster}
        </span>
      ) : null}
    </>
  );
}

/** Every target the scope reaches: its server URL, or why it is not in the kubeconfig. */
export function TargetsTable({ targets }: { targets: ResolvedTarget[] }) {
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="mb-1 text-left text-sm font-semibold">Targets</caption>
      <thead>
        <tr className="text-xs text-zinc-600 dark:text-zinc-400">
          <th scope="col" className="py-1 pr-3 font-medium">
            Target
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Server
          </th>
          <th scope="col" className="py-1 font-medium">
            From the scope
          </th>
        </tr>
      </thead>
      <tbody>
        {targets.map((t) => (
          <tr
            key={t.id}
            data-target={t.id}
            className="border-t border-zinc-200 align-top dark:border-zinc-800"
          >
            <th scope="row" className="py-1.5 pr-3 font-normal">
              <TargetName target={t} />
            </th>
            <td className="py-1.5 pr-3">
              {t.endpoint && !t.problem ? (
                <>
                  <code className="font-mono text-xs break-all">{t.endpoint.server}</code>
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                    {t.endpoint.insecureSkipTlsVerify
                      ? "TLS not verified (insecure-skip-tls-verify)"
                      : t.endpoint.certificateAuthorityData
                        ? "TLS verified with the cluster's CA"
                        : "TLS verified with the system's CAs"}
                  </span>
                </>
              ) : (
                <span className="text-amber-800 dark:text-amber-300">
                  Not in the kubeconfig: {t.problem?.message ?? "no server URL."}
                </span>
              )}
            </td>
            <td className="py-1.5 text-xs">
              {t.from.join(", ")}
              {t.wildcard ? (
                <span className="mt-1 block w-fit rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                  wildcard snapshot of {snapshotText(t.wildcard.at)}
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
