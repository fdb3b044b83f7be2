import type { Metadata } from "next";
import { ScopeBuilder } from "@/components/scope-builder/scope-builder";
import { createAccessKey, issueToken } from "./actions";
import { QueryProvider } from "@/components/providers/query-provider";
import { getConfig, managementBaseUrl } from "@/lib/config";
import { MANAGEMENT_PREFIX } from "@/lib/management/client";
import { defaultsWithinPolicy } from "@/lib/policy/builder";
import { readPolicy } from "@/lib/policy/store";
import { formFromRequest } from "@/lib/scope/form";
import { getStore } from "@/lib/store";
import { builderHref, decodeScopeState } from "@/lib/scope/url-state-decode";
import { requireSession } from "@/lib/session/require";

export const metadata: Metadata = { title: "Issue token or access key" };

export default async function NewTokenPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const session = await requireSession(builderHref(params));
  const state = decodeScopeState(params);
  const { policy } = await readPolicy((await getStore()).db);
  const initial = formFromRequest({
    credential: state.credential,
    unrestricted: state.scope === undefined,
    spec: { ttl: state.ttl, scope: state.scope },
  });
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
          apiBaseUrl={`${managementBaseUrl(getConfig())}${MANAGEMENT_PREFIX}`}
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
