"use client";

import { lazy } from "react";
import type { Resolver } from "react-hook-form";
import type { IssuancePolicy } from "@/lib/policy/policy";
import type { TokenFormValues } from "@/lib/scope/form";

/**
 * Parts of the builder that are not needed to show or use the form at first: its validation (the
 * form's schema with zod, and the resolver), the live preview (scope in words, manifest, commands),
 * the issued-token and access-key viewers (with the token decoding and signature libraries), the roles editor, the
 * deprecated rules' editor, the manifest import and the signed-in key's limits. They load after
 * hydration (see `preloadDeferred`), so they are ready by the time they are needed without weighing
 * on the page's first load.
 */
const loadResolver = () => import("@/components/scope-builder/form-resolver");
const loadViewer = () => import("@/components/token-viewer/issued-token");
const loadKeyViewer = () => import("@/components/token-viewer/issued-access-key");
const loadRules = () => import("@/components/scope-builder/rules-editor");
const loadImport = () => import("@/components/scope-builder/import-manifest");
const loadPreview = () => import("@/components/scope-builder/scope-preview");
const loadRoles = () => import("@/components/scope-builder/roles-editor");
const loadKeyLimits = () => import("@/components/scope-builder/key-limits");

/**
 * Validates by TokenForm once its module has loaded (react-hook-form awaits a resolver's answer, as
 * it does zodResolver's own asynchronous parse): typing never waits for it, errors show as before.
 * Should the module fail to load (the network dropped it, a new deployment replaced it), the form
 * is sent as it is: the issue action validates each request and its errors show at the same fields.
 */
export const tokenFormResolver: Resolver<TokenFormValues, IssuancePolicy | undefined> = async (
  values,
  context,
  options,
) => {
  const loaded = await loadResolver().catch(() => undefined);
  if (!loaded) return { values, errors: {} };
  return loaded.tokenFormResolver(values, context, options);
};

export const IssuedToken = lazy(() => loadViewer().then((m) => ({ default: m.IssuedToken })));
export const IssuedAccessKey = lazy(() =>
  loadKeyViewer().then((m) => ({ default: m.IssuedAccessKey })),
);
export const RulesEditor = lazy(() => loadRules().then((m) => ({ default: m.RulesEditor })));
export const ImportManifest = lazy(() => loadImport().then((m) => ({ default: m.ImportManifest })));
export const ScopePreview = lazy(() => loadPreview().then((m) => ({ default: m.ScopePreview })));
export const RolesEditor = lazy(() => loadRoles().then((m) => ({ default: m.RolesEditor })));
export const KeyLimitsPanel = lazy(() =>
  loadKeyLimits().then((m) => ({ default: m.KeyLimitsPanel })),
);

export function preloadDeferred() {
  void loadResolver();
  void loadPreview();
  void loadViewer();
  void loadKeyViewer();
  void loadRules();
  void loadImport();
  void loadRoles();
  void loadKeyLimits();
}
