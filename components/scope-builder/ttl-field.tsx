"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useNow } from "@/lib/hooks/use-now";
import { formatClaimDate } from "@/lib/token/time";
import { TTL_PRESETS, ttlOf, type TokenFormValues } from "@/lib/scope/form";
import { formatDuration } from "@/lib/token/time";

const CUSTOM_DURATION = "duration";
const CUSTOM_EXPIRY = "expiry";

export function TtlField() {
  const { register, setValue, formState } = useFormContext<TokenFormValues>();
  const [mode, preset, duration, expiry] = useWatch<
    TokenFormValues,
    ["ttlMode", "ttlPreset", "ttlDuration", "ttlExpiry"]
  >({ name: ["ttlMode", "ttlPreset", "ttlDuration", "ttlExpiry"] });
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
        <select
          id="ttl"
          value={selectValue}
          onChange={(e) => {
            const value = e.target.value;
            if (value === CUSTOM_DURATION || value === CUSTOM_EXPIRY)
              setValue("ttlMode", value, { shouldValidate: true });
            else {
              setValue("ttlMode", "preset", { shouldValidate: true });
              setValue("ttlPreset", Number(value), { shouldValidate: true });
            }
          }}
          aria-describedby="ttl-expiry"
          className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {TTL_PRESETS.map((p) => (
            <option key={p.seconds} value={p.seconds}>
              {p.label}
            </option>
          ))}
          <option value={CUSTOM_DURATION}>Custom duration…</option>
          <option value={CUSTOM_EXPIRY}>Until a date and time…</option>
        </select>
        {mode === "duration" ? (
          <div className="min-w-40 flex-1">
            <Input
              {...register("ttlDuration", { deps: "ttlMode" })}
              aria-label="Custom duration"
              placeholder="e.g. 12h, 3d 4h, 90m"
              aria-invalid={Boolean(error) || undefined}
              aria-describedby="ttl-error"
            />
          </div>
        ) : null}
        {mode === "expiry" ? (
          <div className="min-w-40 flex-1">
            <Input
              {...register("ttlExpiry", { deps: "ttlMode" })}
              type="datetime-local"
              aria-label="Expires at"
              aria-invalid={Boolean(error) || undefined}
              aria-describedby="ttl-error"
            />
          </div>
        ) : null}
      </div>
      <FieldError id="ttl-error" message={error} />
      <Hint id="ttl-expiry" aria-live="polite">
        {seconds !== undefined && now !== null && !error ? (
          <>
            Expires <strong>{formatClaimDate(Math.floor(now / 1000) + seconds)}</strong> (
            {formatDuration(seconds)} from now).
          </>
        ) : (
          " "
        )}
      </Hint>
    </div>
  );
}
