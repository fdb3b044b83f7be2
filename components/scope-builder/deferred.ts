"use client";

import { lazy } from "react";

/**
 * Parts of the builder that are not needed to show or use the form at first: the live preview (scope
 * in words, manifest, commands), the issued-token viewer (with the token decoding and signature
 * libraries), the roles editor, the deprecated rules' editor, the manifest import and the signed-in key's limits. They load after
 * hydration (see `preloadDeferred`), so they are ready by the time they are needed without weighing
 * on the page's first load.
 */
const loadViewer = () => import("@/components/token-viewer/issued-token");
const loadRules = () => import("@/components/scope-builder/rules-editor");
const loadImport = () => import("@/components/scope-builder/import-manifest");
const loadPreview = () => import("@/components/scope-builder/scope-preview");
const loadRoles = () => import("@/components/scope-builder/roles-editor");
const loadKeyLimits = () => import("@/components/scope-builder/key-limits");

export const IssuedToken = lazy(() => loadViewer().then((m) => ({ default: m.IssuedToken })));
export const RulesEditor = lazy(() => loadRules().then((m) => ({ default: m.RulesEditor })));
export const ImportManifest = lazy(() => loadImport().then((m) => ({ default: m.ImportManifest })));
export const ScopePreview = lazy(() => loadPreview().then((m) => ({ default: m.ScopePreview })));
export const RolesEditor = lazy(() => loadRoles().then((m) => ({ default: m.RolesEditor })));
export const KeyLimitsPanel = lazy(() =>
  loadKeyLimits().then((m) => ({ default: m.KeyLimitsPanel })),
);

export function preloadDeferred() {
  void loadPreview();
  void loadViewer();
  void loadRules();
  void loadImport();
  void loadRoles();
  void loadKeyLimits();
}
