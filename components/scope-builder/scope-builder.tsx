"use client";

import { Suspense, useEffect, useRef, useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { AccessChoice } from "@/components/scope-builder/access-choice";
import { AccessKeyFields } from "@/components/scope-builder/access-key-fields";
import { BeyondKey, beyondKey } from "@/components/scope-builder/beyond-key";
import { ClustersField } from "@/components/scope-builder/clusters-field";
import { CredentialChoice } from "@/components/scope-builder/credential-choice";
import {
  ImportManifest,
  IssuedAccessKey,
  IssuedToken,
  KeyLimitsPanel,
  preloadDeferred,
  RolesEditor,
  RulesEditor,
  ScopePreview,
  tokenFormResolver,
} from "@/components/scope-builder/deferred";
import { InstancesField } from "@/components/scope-builder/instances-field";
import type { KeyLimits } from "@/components/scope-builder/key-limits";
import { LoftCliField } from "@/components/scope-builder/loft-cli-field";
import { ProjectsField } from "@/components/scope-builder/projects-field";
import { NoteField } from "@/components/scope-builder/note-field";
import { PolicyContext } from "@/components/scope-builder/policy-context";
import { TtlField } from "@/components/scope-builder/ttl-field";
import { useIssue, type IssueActions } from "@/components/scope-builder/use-issue";
import { usePicker } from "@/components/scope-builder/use-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  accessKeyRequestOf,
  formFromRequest,
  scopeOf,
  ttlOf,
  type TokenFormValues,
} from "@/lib/scope/form";
import { useNow } from "@/components/hooks/use-now";
import type { IssuancePolicy } from "@/lib/policy/policy";
import { ownedAccessKeyObject, type AccessKeyOwner } from "@/lib/scope/manifest";
import { encodeScopeState } from "@/lib/scope/url-state";

export function ScopeBuilder({
  initial,
  apiBaseUrl,
  dropped,
  keyLimits,
  owner,
  policy,
  actions,
}: {
  initial: TokenFormValues;
  apiBaseUrl: string;
  dropped: string[];
  /** The signed-in key's own limits (scope, expiry), when it has any. */
  keyLimits?: KeyLimits;
  /** The signed-in principal, who owns an access key created here (shown in its preview). */
  owner: AccessKeyOwner;
  /** The console's issuance policy: the form offers and accepts only what it allows. */
  policy: IssuancePolicy;
  /** The page's server actions that issue. */
  actions: IssueActions;
}) {
  const form = useForm<TokenFormValues, IssuancePolicy>({
    resolver: tokenFormResolver,
    context: policy,
    defaultValues: initial,
    mode: "onChange",
  });
  const values = useWatch({ control: form.control }) as TokenFormValues;
  const { issued, issueAnother, failure, pending, onValid } = useIssue(form, actions);
  const [notUnderstood, setNotUnderstood] = useState<string[]>([]);
  const projects = usePicker({ kind: "projects" }, "");
  const clusters = usePicker({ kind: "clusters" }, "");
  const now = useNow(30_000);

  const formLevelError = form.formState.errors.root?.message;
  const accessKey = values.credential === "accesskey";
  const scope = scopeOf(values);
  const ttl = ttlOf(values);
  const beyond = beyondKey(
    scope,
    keyLimits,
    ttl,
    now,
    values.credential,
    values.ttlMode === "none",
  );
  const submitLabel = accessKey ? "Create access key" : "Issue token";
  const limited =
    keyLimits &&
    (keyLimits.scope !== undefined ||
      keyLimits.expires !== undefined ||
      keyLimits.notUnderstood.length > 0);
  const urlQuery = encodeScopeState({ scope, ttl, credential: values.credential });
  // What the address bar stands for: on mount, the URL the page was rendered from.
  const shownQuery = useRef(urlQuery);
  useEffect(() => preloadDeferred(), []);
  useEffect(() => {
    // The URL carries the scope being built (never a token or key), so it can be bookmarked or shared.
    // Only real changes are written: Next.js treats replaceState as a navigation of its own, and an
    // unneeded write right after load cancelled a nav-link click made in that moment.
    if (urlQuery === shownQuery.current) return;
    const timer = setTimeout(() => {
      shownQuery.current = urlQuery;
      window.history.replaceState(null, "", urlQuery ? `?${urlQuery}` : window.location.pathname);
    }, 250);
    return () => clearTimeout(timer);
  }, [urlQuery]);

  if (issued) {
    return (
      <Suspense fallback={<p role="status">Showing what was issued…</p>}>
        {issued.credential === "accesskey" ? (
          <IssuedAccessKey result={issued.result} onIssueAnother={issueAnother} />
        ) : (
          <IssuedToken result={issued.result} onIssueAnother={issueAnother} />
        )}
      </Suspense>
    );
  }

  return (
    <PolicyContext value={policy}>
      <FormProvider {...form}>
        <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
          <form
            onSubmit={(event) => void form.handleSubmit(onValid)(event)}
            noValidate
            aria-label="Token scope"
            className="space-y-6"
          >
            {dropped.length ? (
              <Alert tone="warning">
                Parts of the link were not valid and were left out: {dropped.join("; ")}
              </Alert>
            ) : null}
            {limited && keyLimits ? (
              <Suspense fallback={null}>
                <KeyLimitsPanel limits={keyLimits} />
              </Suspense>
            ) : null}
            <div className="flex justify-end">
              <Suspense fallback={null}>
                <ImportManifest
                  onImport={(request) => {
                    // The manifest carries scope and lifetime; which credential and its names stay.
                    const { credential, displayName, description, ttlAfterLastActivity } =
                      form.getValues();
                    form.reset({
                      ...formFromRequest({ spec: request }),
                      credential,
                      displayName,
                      description,
                      ttlAfterLastActivity,
                    });
                    setNotUnderstood(request.notUnderstood);
                  }}
                />
              </Suspense>
            </div>
            {notUnderstood.length ? (
              <Alert tone="warning" role="status" data-testid="import-not-understood">
                Imported. Not understood by this console and left out:{" "}
                {notUnderstood.map((field, i) => (
                  <span key={field}>
                    {i ? ", " : ""}
                    <code>{field}</code>
                  </span>
                ))}
                .{" "}
                <button type="button" className="underline" onClick={() => setNotUnderstood([])}>
                  Dismiss
                </button>
              </Alert>
            ) : null}
            <CredentialChoice />
            {accessKey ? <AccessKeyFields /> : null}
            <AccessChoice />
            <fieldset
              disabled={values.access === "unrestricted"}
              className="space-y-6 disabled:opacity-50"
            >
              <ProjectsField beyond={beyond.byList.projects} />
              <InstancesField name="spaces" beyond={beyond.byList.spaces} />
              <InstancesField name="virtualClusters" beyond={beyond.byList.virtualClusters} />
              <ClustersField beyond={beyond.byList.clusters} />
              <Suspense
                fallback={
                  <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
                    Loading the roles editor…
                  </p>
                }
              >
                <RolesEditor beyond={beyond.byList.roles} />
              </Suspense>
              <LoftCliField />
              <Suspense
                fallback={
                  <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
                    Loading the rules editor…
                  </p>
                }
              >
                <RulesEditor />
              </Suspense>
            </fieldset>
            <TtlField />
            <NoteField />
            <BeyondKey messages={beyond.messages} />
            {failure || formLevelError ? (
              <Alert tone="error" role="alert">
                {failure ? `${failure.error} ` : null}
                {formLevelError ? <span>{formLevelError} </span> : null}
                {failure?.signedOut ? (
                  <a
                    className="font-medium underline"
                    href={`/sign-in?next=${encodeURIComponent(`/tokens/new${urlQuery ? `?${urlQuery}` : ""}`)}`}
                  >
                    Sign in again
                  </a>
                ) : failure?.retryable ? (
                  <span>Your choices are kept: press {submitLabel} to try again.</span>
                ) : null}
              </Alert>
            ) : null}
            <Button
              type="submit"
              disabled={pending}
              aria-disabled={pending}
              className="w-full sm:w-auto"
            >
              {pending ? (accessKey ? "Creating…" : "Issuing…") : submitLabel}
            </Button>
          </form>
          <aside className="lg:sticky lg:top-4 lg:self-start">
            <Suspense
              fallback={
                <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
                  Preparing the preview…
                </p>
              }
            >
              <ScopePreview
                scope={scope}
                ttl={ttl}
                apiBaseUrl={apiBaseUrl}
                {...(accessKey
                  ? { accessKey: ownedAccessKeyObject(accessKeyRequestOf(values).spec, owner) }
                  : {})}
                known={{
                  ...(projects.total !== undefined && !projects.hasMore
                    ? { projects: projects.items.map((p) => p.name) }
                    : {}),
                  ...(clusters.total !== undefined && !clusters.hasMore
                    ? { clusters: clusters.items.map((c) => c.name) }
                    : {}),
                }}
              />
            </Suspense>
          </aside>
        </div>
      </FormProvider>
    </PolicyContext>
  );
}
