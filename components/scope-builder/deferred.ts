"use client";

import { createElement, lazy, useState, type ComponentType } from "react";
import type { Resolver } from "react-hook-form";
import type { IssuancePolicy } from "@/lib/policy/policy";
import type { TokenFormValues } from "@/lib/scope/form";

/**
 * Parts of the builder that are not needed to show or use the form at first: its validation (the
 * form's schema with zod, and the resolver), the live preview (scope in words, manifest, commands),
 * the issued-token and access-key viewers (with the token decoding and signature libraries), the roles editor, the
 * deprecated rules' editor, the manifest import and the signed-in key's limits. They load after
 * hydration (see `preloadDeferred`), so they are ready by the time they are needed without weighing
 * on the page's first load. The one module among them that is not a component, the form's
 * resolver, is the zod schema: in the first load it takes /tokens/new from 189.8 to 212.0 KiB gzip,
 * above the 1.5× budget (lib/scope/form-schema.ts).
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
 * it does zodResolver's own asynchronous parse): typing never waits for it, and errors show at their fields as they are found.
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

/**
 * A component loaded on demand that, once `preload` has finished, renders at once without
 * suspending. React.lazy suspends on its first render even when its module is already loaded, and
 * React then holds the loaded content back until 300 ms after the Suspense fallback showed (its
 * fallback throttle); this one suspends (through React.lazy) only when the module is not there yet.
 */
function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  let ready: ComponentType<P> | undefined;
  const preload = () => load().then((component) => (ready = component));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Preloaded(props: P) {
    // Chosen once per mount: switching from Lazy to the component itself would remount it.
    const [Component] = useState<ComponentType<P>>(() => ready ?? Lazy);
    return createElement(Component, props);
  }
  return { Component: Preloaded, preload };
}

const viewer = preloadable(() => loadViewer().then((m) => m.IssuedToken));
const keyViewer = preloadable(() => loadKeyViewer().then((m) => m.IssuedAccessKey));

/** The issued-token viewer: shown without a fallback once `preloadViewer` finished. */
export const IssuedToken = viewer.Component;
/** The issued access key's viewer: shown without a fallback once `preloadViewer` finished. */
export const IssuedAccessKey = keyViewer.Component;

/**
 * Loads the viewer of `credential`; resolves (never rejects) when it is ready to render at once, or
 * when it could not load (then it loads again, behind its Suspense fallback, when shown).
 */
export function preloadViewer(credential: "token" | "accesskey"): Promise<void> {
  const { preload } = credential === "accesskey" ? keyViewer : viewer;
  return preload().then(
    () => undefined,
    () => undefined,
  );
}

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
  void preloadViewer("token");
  void preloadViewer("accesskey");
  void loadRules();
  void loadImport();
  void loadRoles();
  void loadKeyLimits();
}
