/**
 * "Why was I refused, what does this credential really reach": the checks a direct cluster
 * endpoint applies, in the order the local platform's endpoint applies them (it decides with
 * `explainAccess` itself, so the list and the endpoint cannot drift apart). Pure and browser-safe.
 *
 * Authentication first (a refusal is 401, whatever the path): the credential is genuine, valid
 * now, enabled, still its owner's, not revoked, meant for Kubernetes. Then authorization (403):
 * a direct-endpoint URL (404), the scope, the owner's own rights, a role only the platform
 * decides. Last, whether the target is behind this endpoint (404): after authorization, so a
 * refused credential learns nothing about what exists.
 */
export const CHECKS = [
  { id: "signature", stage: "authentication", title: "Signature (or a known access key)" },
  { id: "not-yet-valid", stage: "authentication", title: "Valid already (nbf)" },
  { id: "disabled", stage: "authentication", title: "Access key enabled" },
  { id: "expired", stage: "authentication", title: "Not expired" },
  { id: "owner-gone", stage: "authentication", title: "Owner still exists" },
  { id: "generation-revoked", stage: "authentication", title: "Not revoked (token generation)" },
  { id: "audience", stage: "authentication", title: "Audience is Kubernetes" },
  { id: "not-a-direct-path", stage: "authorization", title: "A direct-endpoint URL" },
  { id: "scope", stage: "authorization", title: "Scope covers the request" },
  { id: "owner-rights", stage: "authorization", title: "The owner's own rights" },
  {
    id: "platform-decides",
    stage: "authorization",
    title: "Not left to a role only the platform knows",
  },
  { id: "no-direct-endpoint", stage: "target", title: "Target behind a direct endpoint" },
] as const;

export type CheckId = (typeof CHECKS)[number]["id"];
export type CheckStage = (typeof CHECKS)[number]["stage"];
export const CHECK_IDS: readonly CheckId[] = CHECKS.map((c) => c.id);
export const checkTitle = (id: CheckId) => CHECKS.find((c) => c.id === id)!.title;
export const stageOf = (id: CheckId): CheckStage => CHECKS.find((c) => c.id === id)!.stage;
