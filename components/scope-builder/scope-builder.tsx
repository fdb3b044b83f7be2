"use client";

import { Suspense, useEffect, useRef, useState } from "react";
import { FormProvider, useForm, useFormContext, useWatch } from "react-hook-form";
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
import { SignInLink } from "@/components/app-shell/sign-in-link";

export interface ScopeBuilderProps {
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
}

/**
 * The scope builder: one form for a token or an access key, its preview beside it, and what was
 * issued in its place once issued.
 */
export function ScopeBuilder(props: ScopeBuilderProps) {
  const { initial, apiBaseUrl, dropped, keyLimits, owner, policy } = props;
  const form = useForm<TokenFormValues, IssuancePolicy>({
    resolver: tokenFormResolver,
    context: policy,
    defaultValues: initial,
    mode: "onChange",
  });
  const values = useWatch({ control: form.control }) as TokenFormValues;
  const { issued, issueAnother, failure, pending, onValid } = useIssue(form, props.actions);
  const [notUnderstood, setNotUnderstood] = useState<string[]>([]);
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
  const urlQuery = encodeScopeState({ scope, ttl, credential: values.credential });
  useScopeInUrl(urlQuery);
  useEffect(() => preloadDeferred(), []);

  if (issued) return <IssuedView issued={issued} onIssueAnother={issueAnother} />;

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
            <FormHeader
              dropped={dropped}
              keyLimits={keyLimits}
              notUnderstood={notUnderstood}
              setNotUnderstood={setNotUnderstood}
            />
            <CredentialChoice />
            {accessKey ? <AccessKeyFields /> : null}
            <AccessChoice />
            <ScopeFields disabled={values.access === "unrestricted"} beyond={beyond.byList} />
            <TtlField />
            <NoteField />
            <BeyondKey messages={beyond.messages} />
            <SubmitFailure
              failure={failure}
              formLevelError={formLevelError}
              submitLabel={submitLabel}
              urlQuery={urlQuery}
            />
            <SubmitButton pending={pending} accessKey={accessKey} label={submitLabel} />
          </form>
          <aside className="lg:sticky lg:top-4 lg:self-start">
            <Preview
              values={values}
              scope={scope}
              ttl={ttl}
              apiBaseUrl={apiBaseUrl}
              owner={owner}
            />
          </aside>
        </div>
      </FormProvider>
    </PolicyContext>
  );
}

/** The form's button: what it makes, and that it is under way. */
function SubmitButton(props: { pending: boolean; accessKey: boolean; label: string }) {
  const { pending, accessKey, label } = props;
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} className="w-full sm:w-auto">
      {pending ? (accessKey ? "Creating…" : "Issuing…") : label}
    </Button>
  );
}

/**
 * The URL carries the scope being built (never a token or key), so it can be bookmarked or shared.
 * Only real changes are written, a quarter second after the last: Next.js treats replaceState as a
 * navigation of its own, and an unneeded write right after load would cancel a nav-link click made in
 * that moment.
 */
function useScopeInUrl(query: string) {
  // What the address bar stands for: on mount, the URL the page was rendered from.
  const shownQuery = useRef(query);
  useEffect(() => {
    if (query === shownQuery.current) return;
    const timer = setTimeout(() => {
      shownQuery.current = query;
      window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);
}

/**
 * Above the fields: what the link left out, the signed-in key's limits, importing a manifest and
 * what that import left out (kept by the builder, so it outlasts an issue).
 */
function FormHeader({
  dropped,
  keyLimits,
  notUnderstood,
  setNotUnderstood,
}: {
  dropped: string[];
  keyLimits: KeyLimits | undefined;
  notUnderstood: string[];
  setNotUnderstood: (fields: string[]) => void;
}) {
  const form = useFormContext<TokenFormValues>();
  return (
    <>
      {dropped.length ? (
        <Alert tone="warning">
          Parts of the link were not valid and were left out: {dropped.join("; ")}
        </Alert>
      ) : null}
      <KeyLimitsNotice limits={keyLimits} />
      <div className="flex justify-end">
        <Suspense fallback={null}>
          <ImportManifest
            onImport={(request) => {
              // The manifest carries scope and lifetime; which credential and its names stay.
              const { credential, displayName, description, ttlAfterLastActivity } =
                form.getValues();
              const kept = { credential, displayName, description, ttlAfterLastActivity };
              form.reset({ ...formFromRequest({ spec: request }), ...kept });
              setNotUnderstood(request.notUnderstood);
            }}
          />
        </Suspense>
      </div>
      <NotUnderstood fields={notUnderstood} onDismiss={() => setNotUnderstood([])} />
    </>
  );
}

/** What was issued, shown once, in place of the form. */
function IssuedView({
  issued,
  onIssueAnother,
}: {
  issued: NonNullable<ReturnType<typeof useIssue>["issued"]>;
  onIssueAnother: () => void;
}) {
  return (
    <Suspense fallback={<p role="status">Showing what was issued…</p>}>
      {issued.credential === "accesskey" ? (
        <IssuedAccessKey result={issued.result} onIssueAnother={onIssueAnother} />
      ) : (
        <IssuedToken result={issued.result} onIssueAnother={onIssueAnother} />
      )}
    </Suspense>
  );
}

/** The signed-in key's own limits, when it has any: what the builder cannot go beyond. */
function KeyLimitsNotice({ limits }: { limits: KeyLimits | undefined }) {
  const limited =
    limits &&
    (limits.scope !== undefined || limits.expires !== undefined || limits.notUnderstood.length > 0);
  if (!limited) return null;
  return (
    <Suspense fallback={null}>
      <KeyLimitsPanel limits={limits} />
    </Suspense>
  );
}

/** After a manifest import: the fields this console left out, until dismissed. */
function NotUnderstood({ fields, onDismiss }: { fields: string[]; onDismiss: () => void }) {
  if (!fields.length) return null;
  return (
    <Alert tone="warning" role="status" data-testid="import-not-understood">
      Imported. Not understood by this console and left out:{" "}
      {fields.map((field, i) => (
        <span key={field}>
          {i ? ", " : ""}
          <code>{field}</code>
        </span>
      ))}
      .{" "}
      <button type="button" className="underline" onClick={onDismiss}>
        Dismiss
      </button>
    </Alert>
  );
}

const loading = (what: string) => (
  <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
    {what}
  </p>
);

/** What the credential may reach: the pickers and the roles and rules editors. */
function ScopeFields({
  disabled,
  beyond,
}: {
  disabled: boolean;
  beyond: ReturnType<typeof beyondKey>["byList"];
}) {
  return (
    <fieldset disabled={disabled} className="space-y-6 disabled:opacity-50">
      <ProjectsField beyond={beyond.projects} />
      <InstancesField name="spaces" beyond={beyond.spaces} />
      <InstancesField name="virtualClusters" beyond={beyond.virtualClusters} />
      <ClustersField beyond={beyond.clusters} />
      <Suspense fallback={loading("Loading the roles editor…")}>
        <RolesEditor beyond={beyond.roles} />
      </Suspense>
      <LoftCliField />
      <Suspense fallback={loading("Loading the rules editor…")}>
        <RulesEditor />
      </Suspense>
    </fieldset>
  );
}

/** Why the last press did not issue, with the way on: sign in again, or press again. */
function SubmitFailure({
  failure,
  formLevelError,
  submitLabel,
  urlQuery,
}: {
  failure: ReturnType<typeof useIssue>["failure"];
  formLevelError: string | undefined;
  submitLabel: string;
  urlQuery: string;
}) {
  if (!failure && !formLevelError) return null;
  return (
    <Alert tone="error" role="alert">
      {failure ? `${failure.error} ` : null}
      {formLevelError ? <span>{formLevelError} </span> : null}
      {failure?.signedOut ? (
        <SignInLink
          next={`/tokens/new${urlQuery ? `?${urlQuery}` : ""}`}
          className="font-medium underline"
        >
          Sign in again
        </SignInLink>
      ) : failure?.retryable ? (
        <span>Your choices are kept: press {submitLabel} to try again.</span>
      ) : null}
    </Alert>
  );
}

/**
 * The manifest, kubectl and curl the form stands for. Projects and clusters the platform listed in
 * full let it say which named ones do not exist.
 */
function Preview({
  values,
  scope,
  ttl,
  apiBaseUrl,
  owner,
}: {
  values: TokenFormValues;
  scope: ReturnType<typeof scopeOf>;
  ttl: number | undefined;
  apiBaseUrl: string;
  owner: AccessKeyOwner;
}) {
  const projects = usePicker({ kind: "projects" }, "");
  const clusters = usePicker({ kind: "clusters" }, "");
  return (
    <Suspense fallback={loading("Preparing the preview…")}>
      <ScopePreview
        scope={scope}
        ttl={ttl}
        apiBaseUrl={apiBaseUrl}
        {...(values.credential === "accesskey"
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
  );
}
