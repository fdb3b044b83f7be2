"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { usePolicy } from "@/components/scope-builder/policy-context";
import { useNow } from "@/components/hooks/use-now";
import { presetsWithin } from "@/lib/policy/builder";
import { maxTtlFor } from "@/lib/policy/lifetime";
import { formatClaimDate } from "@/lib/token/time";
import { TTL_PRESETS, ttlOf, type TokenFormValues } from "@/lib/scope/form";
import { formatDuration } from "@/lib/token/time";

const CUSTOM_DURATION = "duration";
const CUSTOM_EXPIRY = "expiry";
const NO_EXPIRY = "none";

/** What the hint says the lifetime means, once the TTL is known. */
function ExpiryHint({
  seconds,
  now,
  fromLastUse,
}: {
  seconds: number;
  now: number;
  fromLastUse: boolean;
}) {
  if (fromLastUse)
    return (
      <>
        Expires after <strong>{formatDuration(seconds)}</strong> without use: each use counts the
        lifetime again from then.
      </>
    );
  return (
    <>
      Expires <strong>{formatClaimDate(Math.floor(now / 1000) + seconds)}</strong> (
      {formatDuration(seconds)} from now).
    </>
  );
}

/**
 * "Time to live", the same for both credentials: a preset, a duration or a date. An access key may
 * also have no expiry, and may count its lifetime from its last use.
 */
export function TtlField() {
  const { setValue, formState, trigger } = useFormContext<TokenFormValues>();
  const [mode, preset, duration, expiry, credential, fromLastUse] = useWatch<
    TokenFormValues,
    ["ttlMode", "ttlPreset", "ttlDuration", "ttlExpiry", "credential", "ttlAfterLastActivity"]
  >({
    name: [
      "ttlMode",
      "ttlPreset",
      "ttlDuration",
      "ttlExpiry",
      "credential",
      "ttlAfterLastActivity",
    ],
  });
  const limit = usePolicyLimit();
  const offered = presetsWithin(limit?.seconds);
  // A preset beyond the limit stays listed only while it is the one chosen (from a link or a
  // manifest), disabled, so the field shows the truth; the error says why it cannot be issued.
  const chosenBeyond =
    mode === "preset" && !offered.some((p) => p.seconds === preset)
      ? TTL_PRESETS.find((p) => p.seconds === preset)
      : undefined;
  const accessKey = credential === "accesskey";
  const now = useNow(30_000);
  const seconds =
    now === null
      ? undefined
      : ttlOf({ ttlMode: mode, ttlPreset: preset, ttlDuration: duration, ttlExpiry: expiry }, now);
  // Only the error of the input in use: a duration left invalid must not show under a date. The
  // TTL's value (too large, refused by the platform) is reported at ttlMode, whichever input is used.
  const error =
    (mode === "duration"
      ? formState.errors.ttlDuration?.message
      : mode === "expiry"
        ? formState.errors.ttlExpiry?.message
        : undefined) ?? formState.errors.ttlMode?.message;
  const selectValue = mode === "preset" ? String(preset) : mode;

  return (
    <div className="space-y-2">
      <Label htmlFor="ttl" className="mb-0">
        Time to live
      </Label>
      <div className="flex flex-wrap gap-2">
        <TtlSelect
          value={selectValue}
          offered={offered}
          chosenBeyond={chosenBeyond}
          noExpiry={
            accessKey && (!limit || mode === NO_EXPIRY) ? { beyond: Boolean(limit) } : undefined
          }
          describedBy={limit ? "ttl-expiry ttl-policy" : "ttl-expiry"}
          onChange={(value) => {
            if (value === CUSTOM_DURATION || value === CUSTOM_EXPIRY || value === NO_EXPIRY)
              setValue("ttlMode", value, { shouldValidate: true });
            else {
              setValue("ttlMode", "preset", { shouldValidate: true });
              setValue("ttlPreset", Number(value), { shouldValidate: true });
            }
            // Counting from the last use is valid only with a lifetime: say so as it changes.
            if (accessKey) void trigger("ttlAfterLastActivity");
          }}
        />
        {mode === "duration" || mode === "expiry" ? (
          <CustomTtlInput mode={mode} invalid={Boolean(error)} />
        ) : null}
      </div>
      <FieldError id="ttl-error" message={error} />
      {limit ? (
        <Hint id="ttl-policy">Longer lifetimes are not offered: {limit.reason}.</Hint>
      ) : null}
      <Hint id="ttl-expiry" aria-live="polite">
        {seconds !== undefined && now !== null && !error ? (
          <ExpiryHint seconds={seconds} now={now} fromLastUse={accessKey && fromLastUse} />
        ) : accessKey && mode === NO_EXPIRY ? (
          "The key never expires: disable or delete it on the Access keys page once nothing uses it."
        ) : (
          " "
        )}
      </Hint>
      {accessKey ? <LastUseField /> : null}
    </div>
  );
}

type Preset = (typeof TTL_PRESETS)[number];

/** The lifetime's choices: the presets the policy allows, a duration, a date, or no expiry. */
function TtlSelect({
  value,
  offered,
  chosenBeyond,
  noExpiry,
  describedBy,
  onChange,
}: {
  value: string;
  offered: readonly Preset[];
  /** A preset beyond the policy that is nonetheless the one chosen: listed, disabled. */
  chosenBeyond: Preset | undefined;
  /** Whether "No expiry" is listed (access keys), and whether it is beyond the policy. */
  noExpiry: { beyond: boolean } | undefined;
  describedBy: string;
  onChange: (value: string) => void;
}) {
  return (
    <select
      id="ttl"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={describedBy}
      className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
    >
      {offered.map((p) => (
        <option key={p.seconds} value={p.seconds}>
          {p.label}
        </option>
      ))}
      {chosenBeyond ? (
        <option value={chosenBeyond.seconds} disabled>
          {chosenBeyond.label} (beyond the policy)
        </option>
      ) : null}
      <option value={CUSTOM_DURATION}>Custom duration…</option>
      <option value={CUSTOM_EXPIRY}>Until a date and time…</option>
      {noExpiry ? (
        <option value={NO_EXPIRY} disabled={noExpiry.beyond}>
          {noExpiry.beyond ? "No expiry (beyond the policy)" : "No expiry"}
        </option>
      ) : null}
    </select>
  );
}

/** The input of a custom lifetime: a duration ("3d 4h") or a date and time. */
function CustomTtlInput({ mode, invalid }: { mode: "duration" | "expiry"; invalid: boolean }) {
  const { register } = useFormContext<TokenFormValues>();
  return (
    <div className="min-w-40 flex-1">
      {mode === "duration" ? (
        <Input
          key="duration"
          {...register("ttlDuration", { deps: "ttlMode" })}
          aria-label="Custom duration"
          placeholder="e.g. 12h, 3d 4h, 90m"
          aria-invalid={invalid || undefined}
          aria-describedby="ttl-error"
        />
      ) : (
        <Input
          key="expiry"
          {...register("ttlExpiry", { deps: "ttlMode" })}
          type="datetime-local"
          aria-label="Expires at"
          aria-invalid={invalid || undefined}
          aria-describedby="ttl-error"
        />
      )}
    </div>
  );
}

/** The longest lifetime the policy allows for the credential and scope being built, if any. */
function usePolicyLimit() {
  const policy = usePolicy();
  const [credential, access, projects, spaces, virtualClusters, roles] = useWatch<
    TokenFormValues,
    ["credential", "access", "projects", "spaces", "virtualClusters", "roles"]
  >({ name: ["credential", "access", "projects", "spaces", "virtualClusters", "roles"] });
  if (!policy) return undefined;
  return maxTtlFor(policy, {
    credential,
    unrestricted: access === "unrestricted",
    scope: { projects, spaces, virtualClusters, roles },
  });
}

/** `ttlAfterLastActivity`: an access key's lifetime counted from its last use. */
function LastUseField() {
  const { register, formState } = useFormContext<TokenFormValues>();
  const error = formState.errors.ttlAfterLastActivity?.message;
  return (
    <div>
      <label className="inline-flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          {...register("ttlAfterLastActivity", { deps: "ttlMode" })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "last-use-hint last-use-error" : "last-use-hint"}
        />
        Count the lifetime from last use
      </label>
      <Hint id="last-use-hint" className="mt-0">
        Only with a time to live: the key then expires once unused for that long.
      </Hint>
      <FieldError id="last-use-error" message={error} />
    </div>
  );
}
