"use client";

import { lazy } from "react";

/**
 * Parts of the builder that are not needed to show or use the form at first: the live preview (scope
 * in words, manifest, commands), the issued-token viewer (with the token decoding and signature
 * libraries) and the deprecated rules' editor. They load after
 * hydration (see `preloadDeferred`), so they are ready by the time they are needed without weighing
 * on the page's first load.
 */
const loadViewer = () => import("@/components/token-viewer/issued-token");
const loadRuleCard = () => import("@/components/scope-builder/rule-card");
const loadPreview = () => import("@/components/scope-builder/scope-preview");

export const IssuedToken = lazy(() => loadViewer().then((m) => ({ default: m.IssuedToken })));
export const RuleCard = lazy(() => loadRuleCard().then((m) => ({ default: m.RuleCard })));
export const ScopePreview = lazy(() => loadPreview().then((m) => ({ default: m.ScopePreview })));

export function preloadDeferred() {
  void loadPreview();
  void loadViewer();
  void loadRuleCard();
}
