import { Document, isMap, isSeq } from "yaml";
import type { ResolvedTarget } from "./targets";

/**
 * The kubeconfig for a token or an access key, assembled in the browser: one cluster and one context
 * per target with a direct endpoint, one user whose static `token` is the credential (current CLIs
 * put an access key there exactly so). The credential goes only into what the user downloads or
 * copies. Pure (no DOM): unit-tested by parsing the YAML back.
 */

export type CredentialKind = "token" | "accesskey";

/** How each credential is named in the file, its user entry and the shell variable of the snippets. */
export const CREDENTIAL_NAMES: Record<
  CredentialKind,
  { file: string; user: string; variable: string; noun: string; title: string }
> = {
  token: {
    file: "dce-token.kubeconfig",
    user: "dce-token",
    variable: "DCE_TOKEN",
    noun: "token",
    title: "a vCluster Platform Direct Cluster Endpoint Token",
  },
  accesskey: {
    file: "access-key.kubeconfig",
    user: "access-key",
    variable: "DCE_ACCESS_KEY",
    noun: "access key",
    title: "a vCluster Platform access key",
  },
};

export const KUBECONFIG_FILE = CREDENTIAL_NAMES.token.file;
export const TOKEN_VARIABLE = CREDENTIAL_NAMES.token.variable;

/** A usable target: one with a server URL. */
export type UsableTarget = ResolvedTarget & { endpoint: NonNullable<ResolvedTarget["endpoint"]> };

export const usable = (targets: readonly ResolvedTarget[]): UsableTarget[] =>
  targets.filter((t): t is UsableTarget => Boolean(t.endpoint) && !t.problem);

const VALID_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `dce_vcluster_<project>_<vc>`, `dce_space_<project>_<space>`, `dce_cluster_<name>`. */
function contextBaseName(t: ResolvedTarget): string {
  const parts =
    t.kind === "cluster"
      ? ["dce", "cluster", t.name]
      : ["dce", t.kind === "virtualcluster" ? "vcluster" : "space", t.project ?? "", t.name];
  const name = parts.join("_").replace(/[^A-Za-z0-9._-]/g, "-");
  return VALID_NAME.test(name) ? name : `dce_${name.replace(/^[^A-Za-z0-9]+/, "")}`;
}

/** Context names for `targets`, unique (a repeated name gets `-2`, `-3`…). */
export function contextNames(targets: readonly ResolvedTarget[]): string[] {
  const taken = new Set<string>();
  return targets.map((t) => {
    const base = contextBaseName(t);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return name;
  });
}

/** The date part of a snapshot time, as people read it in a comment: `2026-11-29 22:10 UTC`. */
export const snapshotText = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const wildcardComment = (t: ResolvedTarget) =>
  t.wildcard
    ? `wildcard snapshot of ${snapshotText(t.wildcard.at)} (from ${t.wildcard.entry})`
    : "";

export type KubeconfigOptions = {
  /** When the file was made (ISO 8601). */
  generatedAt: string;
  /** When the credential expires (ISO 8601), for the header comment. */
  expiresAt?: string;
  /** Which credential the file holds (a token when not said). */
  credential?: CredentialKind;
};

export type Kubeconfig = {
  apiVersion: "v1";
  kind: "Config";
  preferences: Record<string, never>;
  "current-context": string;
  clusters: {
    name: string;
    cluster: {
      server: string;
      "insecure-skip-tls-verify"?: true;
      "certificate-authority-data"?: string;
    };
  }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  users: { name: string; user: { token: string } }[];
};

/** The kubeconfig object for the usable targets (named ones first, as `targets` is ordered). */
function kubeconfigObject(
  targets: readonly ResolvedTarget[],
  token: string,
  user: string,
): Kubeconfig {
  const list = usable(targets);
  const names = contextNames(list);
  return {
    apiVersion: "v1",
    kind: "Config",
    preferences: {},
    "current-context": names[0] ?? "",
    clusters: list.map((t, i) => ({
      name: names[i]!,
      cluster: {
        server: t.endpoint.server,
        // kubectl refuses a cluster with both (client-go: "specifying a root certificates file
        // with the insecure flag is not allowed"), though the CLI writes both: insecure wins.
        ...(t.endpoint.insecureSkipTlsVerify
          ? { "insecure-skip-tls-verify": true as const }
          : t.endpoint.certificateAuthorityData
            ? { "certificate-authority-data": t.endpoint.certificateAuthorityData }
            : {}),
      },
    })),
    contexts: list.map((t, i) => ({
      name: names[i]!,
      context: {
        cluster: names[i]!,
        user,
        ...(t.kind === "space" && t.namespace ? { namespace: t.namespace } : {}),
      },
    })),
    users: [{ name: user, user: { token } }],
  };
}

/** The kubeconfig as YAML, with comments: what it is, and which contexts are wildcard snapshots. */
export function kubeconfigText(
  targets: readonly ResolvedTarget[],
  token: string,
  options: KubeconfigOptions,
): string {
  const list = usable(targets);
  const names = CREDENTIAL_NAMES[options.credential ?? "token"];
  const doc = new Document(kubeconfigObject(list, token, names.user));
  const header = [
    ` Kubeconfig for ${names.title} (DCE Token Console, ${snapshotText(options.generatedAt)}).`,
    ` The ${names.noun} below is the credential: keep this file private (chmod 600).`,
  ];
  if (options.expiresAt)
    header.push(` The ${names.noun} expires ${snapshotText(options.expiresAt)}.`);
  if (list.some((t) => t.wildcard))
    header.push(
      ' Contexts marked "wildcard snapshot" are what a * in the scope matched when this file was made;',
      ` the ${names.noun} also reaches ones created later, which are not in this file.`,
    );
  doc.commentBefore = header.join("\n");
  const contexts = doc.get("contexts", true);
  if (isSeq(contexts)) {
    contexts.items.forEach((item, i) => {
      const t = list[i];
      if (t?.wildcard && isMap(item)) item.commentBefore = ` ${wildcardComment(t)}`;
    });
  }
  return doc.toString({ lineWidth: 0 });
}

export const authorizationHeader = (token: string) => `Authorization: Bearer ${token}`;

export const exportLine = (token: string, variable = TOKEN_VARIABLE) =>
  `export ${variable}='${token}'`;

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A `curl` of the target's `/version`, with the credential from `$DCE_TOKEN` (or `variable`), never inline. */
export function curlExample(target: UsableTarget, variable = TOKEN_VARIABLE): string {
  const { server, certificateAuthorityData, insecureSkipTlsVerify } = target.endpoint;
  const trust = insecureSkipTlsVerify
    ? "-k "
    : certificateAuthorityData
      ? `--cacert <(echo ${shellQuote(certificateAuthorityData)} | base64 -d) `
      : "";
  return `curl ${trust}-H "Authorization: Bearer $${variable}" ${shellQuote(`${server}/version`)}`;
}
