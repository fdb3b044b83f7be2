import type { Metadata } from "next";
import { ScopeBuilder } from "@/components/scope-builder/scope-builder";
import { createAccessKey, issueToken } from "./actions";
import { QueryProvider } from "@/components/providers/query-provider";
import { getConfig } from "@/lib/config";
import { MANAGEMENT_PREFIX } from "@/lib/management/client";
import { defaultsWithinPolicy } from "@/lib/policy/builder";
import { readPolicy } from "@/lib/policy/store";
import { formFromRequest } from "@/lib/scope/form";
import { getStore } from "@/lib/store";
import { decodeScopeState } from "@/lib/scope/url-state-decode";
import { requireSession } from "@/lib/session/require";

export const metadata: Metadata = { title: "Issue token or access key" };

export default async function NewTokenPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const query = new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) =>
      Array.isArray(v) ? v.map((x) => [k, x]) : v === undefined ? [] : [[k, v]],
    ),
  );
  const session = await requireSession(`/tokens/new${query.size ? `?${query}` : ""}`);
  const state = decodeScopeState(params);
  const config = getConfig();
  const { policy } = await readPolicy((await getStore()).db);
  const initial = formFromRequest({
    credential: state.credential,
    unrestricted: state.scope === undefined,
    spec: { ttl: state.ttl, scope: state.scope },
  });
  const apiBase = `${config.PLATFORM_URL ?? `https://127.0.0.1:${config.LOCAL_PLATFORM_TLS_PORT}`}${MANAGEMENT_PREFIX}`;
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold tracking-tight">
        {state.credential === "accesskey"
          ? "Create an access key"
          : "Issue a Direct Cluster Endpoint Token"}
      </h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Choose the credential, what it may reach and for how long. It is issued with your own access
        key and shown once.
      </p>
      <QueryProvider>
        <ScopeBuilder
          initial={state.ttl === undefined ? defaultsWithinPolicy(initial, policy) : initial}
          policy={policy}
          apiBaseUrl={apiBase}
          dropped={state.dropped}
          keyLimits={{
            scope: session.accessKeyScope,
            notUnderstood: session.accessKeyScopeNotUnderstood ?? [],
            expires: session.accessKeyExpires,
          }}
          owner={{ kind: session.principal.kind, name: session.principal.name }}
          actions={{ issueToken, createAccessKey }}
        />
      </QueryProvider>
    </>
  );
}
