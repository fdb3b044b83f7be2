"use client";

import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { KnownNames } from "@/lib/scope/describe";
import {
  ACCESS_KEY_JSONPATH,
  accessKeyCurlCommand,
  curlCommand,
  kubectlCommandFor,
  manifestJson,
  type OwnedAccessKeyManifest,
} from "@/lib/scope/manifest";
import { useManifestYaml } from "@/components/scope-builder/use-manifest-yaml";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { ScopeExplanation } from "@/components/token-viewer/scope-explanation";

const VIEWS = ["YAML", "kubectl", "curl"] as const;

type View = (typeof VIEWS)[number];

/** The token request's YAML, kubectl or curl form. */
function tokenCode(
  view: View,
  input: { ttl?: number; scope?: AccessKeyScope },
  apiBaseUrl: string,
  yaml: ReturnType<typeof useManifestYaml>,
) {
  // Until the YAML library has loaded (a moment after the page), the manifest shows as JSON, which
  // is valid YAML and means the same to kubectl.
  if (view === "YAML") return yaml?.manifestYaml(input) ?? manifestJson(input);
  if (view === "kubectl")
    return yaml?.kubectlCommand(input) ?? kubectlCommandFor(manifestJson(input));
  return curlCommand(input, apiBaseUrl);
}

/** The access key request's YAML, kubectl (printing `spec.key`) or curl form. */
function accessKeyCode(
  view: View,
  object: OwnedAccessKeyManifest,
  apiBaseUrl: string,
  yaml: ReturnType<typeof useManifestYaml>,
) {
  const json = JSON.stringify(object, null, 2);
  if (view === "YAML") return yaml?.accessKeyManifestYaml(object) ?? json;
  if (view === "kubectl")
    return yaml?.accessKeyKubectlCommand(object) ?? kubectlCommandFor(json, ACCESS_KEY_JSONPATH);
  return accessKeyCurlCommand(object, apiBaseUrl);
}

/**
 * Live preview: what the credential will reach in words, and the manifest / kubectl / curl
 * equivalents — of the DirectClusterEndpointToken, or with `accessKey` of that OwnedAccessKey (the
 * object the create action sends).
 */
export function ScopePreview({
  scope,
  ttl,
  apiBaseUrl,
  known,
  accessKey,
}: {
  scope: AccessKeyScope | undefined;
  ttl: number | undefined;
  apiBaseUrl: string;
  known: KnownNames;
  accessKey?: OwnedAccessKeyManifest;
}) {
  const [view, setView] = useState<View>("YAML");
  const yaml = useManifestYaml();
  const code = accessKey
    ? accessKeyCode(view, accessKey, apiBaseUrl, yaml)
    : tokenCode(view, { ttl, scope }, apiBaseUrl, yaml);

  return (
    <section aria-labelledby="preview-heading" className="space-y-4">
      <h2 id="preview-heading" className="text-lg font-semibold">
        Preview
      </h2>
      <div aria-live="polite" className="text-sm">
        <ScopeExplanation scope={scope} known={known} />
      </div>
      <div>
        <div
          className="mb-2 flex flex-wrap items-center gap-1"
          role="group"
          aria-label="Equivalent request"
        >
          {VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className="rounded-md px-2.5 py-1 text-xs font-medium aria-pressed:bg-zinc-900 aria-pressed:text-white dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
            >
              {v}
            </button>
          ))}
          <span className="ml-auto">
            <CopyButton text={code} label={`Copy ${view}`} />
          </span>
        </div>
        <pre
          aria-label={`${view} equivalent`}
          tabIndex={0}
          className="max-h-96 overflow-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100 dark:bg-black"
        >
          <code>{code}</code>
        </pre>
        {view !== "YAML" ? (
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            Set <code>ACCESS_KEY</code> to your access key first; it is never written into the
            command.
          </p>
        ) : null}
      </div>
    </section>
  );
}
