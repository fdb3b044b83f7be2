import { durationText, TTL_PRESETS, type TokenFormValues } from "@/lib/scope/form";
import { maxTtlFor } from "./lifetime";
import type { IssuancePolicy } from "./policy";

/*
 * What the builder offers under the policy: no preset longer than the longest lifetime allowed, and
 * a default lifetime within it.
 */

/** The builder's TTL presets the limit allows (all of them without one). */
export function presetsWithin(limit: number | undefined) {
  return limit === undefined ? [...TTL_PRESETS] : TTL_PRESETS.filter((p) => p.seconds <= limit);
}

/**
 * The form's values with a default lifetime the policy allows: the longest preset within the limit,
 * else the limit itself as a duration. Values whose lifetime someone chose (a link, a manifest) are
 * left as they are, and the builder says what is wrong with them.
 */
export function defaultsWithinPolicy(
  values: TokenFormValues,
  policy: IssuancePolicy,
): TokenFormValues {
  const limit = maxTtlFor(policy, {
    credential: values.credential,
    unrestricted: values.access === "unrestricted",
    scope: values,
  })?.seconds;
  if (limit === undefined || values.ttlMode !== "preset" || values.ttlPreset <= limit)
    return values;
  const preset = presetsWithin(limit).at(-1);
  return preset
    ? { ...values, ttlPreset: preset.seconds }
    : { ...values, ttlMode: "duration", ttlDuration: durationText(limit) };
}
