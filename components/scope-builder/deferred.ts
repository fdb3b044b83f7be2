"use client";

import { lazy } from "react";

/**
 * Parts of the builder that are not needed to show or use the form at first: the issued-token viewer
 * (with the token decoding and signature libraries) and the deprecated rules' editor. They load after
 * hydration (see `preloadDeferred`), so they are ready by the time they are needed without weighing
 * on the page's first load.
 */
const loadViewer = () => import("@/components/token-viewer/issued-token");
const loadRuleCard = () => import("@/components/scope-builder/rule-card");

export const IssuedToken = lazy(() => loadViewer().then((m) => ({ default: m.IssuedToken })));
export const RuleCard = lazy(() => loadRuleCard().then((m) => ({ default: m.RuleCard })));

export function preloadDeferred() {
  void loadViewer();
  void loadRuleCard();
}
