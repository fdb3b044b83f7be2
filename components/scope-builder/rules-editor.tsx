"use client";

import { useFieldArray, useFormContext } from "react-hook-form";
import { RuleCard } from "@/components/scope-builder/rule-card";
import { Button } from "@/components/ui/button";
import type { TokenFormValues } from "@/lib/scope/form";

/** The deprecated `rules` list: collapsed unless the scope already has rules. */
export function RulesEditor() {
  const { control, getValues } = useFormContext<TokenFormValues>();
  const { fields, append, insert, remove } = useFieldArray({ control, name: "rules" });
  return (
    <details
      open={fields.length > 0}
      className="rounded-md border border-zinc-200 dark:border-zinc-800"
    >
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium">
        Rules{" "}
        <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">
          deprecated
        </span>
        {fields.length ? (
          <span className="ml-2 text-zinc-500 dark:text-zinc-400">({fields.length})</span>
        ) : null}
      </summary>
      <div className="space-y-4 border-t border-zinc-200 p-4 dark:border-zinc-800">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Rules are deprecated by the platform. Prefer projects, spaces and virtual clusters above;
          use rules only where a consumer still needs them.
        </p>
        {fields.map((field, index) => (
          <RuleCard
            key={field.id}
            index={index}
            onDuplicate={() => insert(index + 1, structuredClone(getValues(`rules.${index}`)))}
            onRemove={() => remove(index)}
          />
        ))}
        <Button
          variant="secondary"
          onClick={() =>
            append({
              verbs: [],
              resources: [],
              namespaces: [],
              nonResourceURLs: [],
              requestTargets: [],
              cluster: "",
              virtualClusters: [],
            })
          }
        >
          Add rule
        </Button>
      </div>
    </details>
  );
}
