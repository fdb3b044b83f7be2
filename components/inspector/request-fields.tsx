import { COMMON_VERBS } from "@/lib/scope/constants";
import type { CheckerErrors, CheckerValues } from "@/lib/inspector/checker-form";
import { SuggestInput } from "./suggest-input";

const VERBS = COMMON_VERBS.map((value) => ({ value }));

const FIELDS = [
  ["verb", "Verb", "get"],
  ["apiGroup", "API group", "apps (empty = core)"],
  ["resource", "Resource", "pods"],
  ["subresource", "Subresource", "log"],
  ["name", "Name", "my-pod"],
  ["namespace", "Namespace", "default (empty = cluster-scoped)"],
] as const;

/** The optional Kubernetes request: a resource request or a non-resource URL. */
export function RequestFields({
  values,
  errors,
  set,
}: {
  values: CheckerValues;
  errors: CheckerErrors;
  set: (patch: Partial<CheckerValues>) => void;
}) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">Kubernetes request (optional)</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {FIELDS.map(([key, label, placeholder]) => (
          <SuggestInput
            key={key}
            id={`check-${key}`}
            label={label}
            value={values[key]}
            onChange={(value) => set({ [key]: value })}
            suggestions={key === "verb" ? VERBS : undefined}
            placeholder={placeholder}
            error={errors[key]}
          />
        ))}
      </div>
      <SuggestInput
        id="check-non-resource-url"
        label="Non-resource URL"
        value={values.nonResourceURL}
        onChange={(nonResourceURL) => set({ nonResourceURL })}
        placeholder="/healthz (instead of a resource)"
        error={errors.nonResourceURL}
      />
    </fieldset>
  );
}
