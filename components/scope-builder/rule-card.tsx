"use client";

import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { ListField } from "@/components/scope-builder/list-field";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { TokenFormValues } from "@/lib/scope/form";
import { COMMON_VERBS, REQUEST_TARGETS } from "@/lib/scope/constants";

type RuleBase = `rules.${number}`;

/** One rule of the scope: verbs, resources, namespaces, URLs, request targets, cluster, instances. */
export function RuleCard({
  index,
  onDuplicate,
  onRemove,
}: {
  index: number;
  onDuplicate: () => void;
  onRemove: () => void;
}) {
  const { register } = useFormContext<TokenFormValues>();
  const base: RuleBase = `rules.${index}`;
  return (
    <fieldset className="space-y-4 rounded-md border border-zinc-200 p-4 dark:border-zinc-700">
      <legend className="px-1 text-sm font-semibold">Rule {index + 1}</legend>
      <div className="flex justify-end gap-2">
        <Button
          variant="secondary"
          onClick={onDuplicate}
          aria-label={`Duplicate rule ${index + 1}`}
        >
          Duplicate
        </Button>
        <Button variant="danger" onClick={onRemove} aria-label={`Remove rule ${index + 1}`}>
          Remove
        </Button>
      </div>

      <VerbsField base={base} index={index} />
      <ResourceRows base={base} index={index} />

      <div className="grid gap-3 sm:grid-cols-2">
        <ListField
          name={`${base}.namespaces`}
          label="Namespaces"
          hint='Comma-separated; "" matches non-namespaced resources; none = every namespace.'
        />
        <ListField
          name={`${base}.nonResourceURLs`}
          label="Non-resource URLs"
          placeholder="/healthz*, /version"
          hint="* only as the full, final step."
        />
      </div>

      <RequestTargetsField base={base} />

      <div>
        <Label htmlFor={`rules-${index}-cluster`} className="font-normal">
          Cluster
        </Label>
        <Input
          id={`rules-${index}-cluster`}
          {...register(`${base}.cluster`)}
          placeholder="empty = no restriction; set = cluster requests to this cluster only"
        />
      </div>

      <VirtualClusterRows base={base} index={index} />
    </fieldset>
  );
}

const setOptions = { shouldValidate: true, shouldDirty: true } as const;

/** `list` with `value` added, or removed when it was there. */
const toggle = <T extends string>(list: readonly T[], value: T) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/** One of the rule's lists as a group of checkboxes, one per option. */
function CheckboxList<T extends string>({
  legend,
  options,
  values,
  onChange,
  children,
}: {
  legend: string;
  options: readonly T[];
  values: readonly T[];
  onChange: (values: T[]) => void;
  children?: React.ReactNode;
}) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={option} className="inline-flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={values.includes(option)}
              onChange={() => onChange(toggle(values, option))}
            />
            {option}
          </label>
        ))}
      </div>
      {children}
    </fieldset>
  );
}

/** Which request targets the rule covers. */
function RequestTargetsField({ base }: { base: RuleBase }) {
  const { control, setValue } = useFormContext<TokenFormValues>();
  const targets = useWatch({ control, name: `${base}.requestTargets` }) ?? [];
  return (
    <CheckboxList
      legend="Request targets (none = every target)"
      options={REQUEST_TARGETS}
      values={targets}
      onChange={(next) => setValue(`${base}.requestTargets`, next, setOptions)}
    />
  );
}

/** The common verbs as checkboxes, and any other verb typed beside them. */
function VerbsField({ base, index }: { base: RuleBase; index: number }) {
  const { control, setValue } = useFormContext<TokenFormValues>();
  const verbs = useWatch({ control, name: `${base}.verbs` }) ?? [];
  const isCommon = (verb: string) => (COMMON_VERBS as readonly string[]).includes(verb);
  return (
    <CheckboxList<string>
      legend="Verbs (none = every verb)"
      options={COMMON_VERBS}
      values={verbs}
      onChange={(next) => setValue(`${base}.verbs`, next, setOptions)}
    >
      <div className="mt-2">
        <Label htmlFor={`rules-${index}-custom-verbs`} className="font-normal">
          Other verbs
        </Label>
        <Input
          id={`rules-${index}-custom-verbs`}
          defaultValue={verbs.filter((v) => !isCommon(v)).join(", ")}
          placeholder="e.g. impersonate, *"
          onChange={(e) => {
            const extra = e.target.value
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean);
            setValue(`${base}.verbs`, [...verbs.filter(isCommon), ...extra], setOptions);
          }}
        />
      </div>
    </CheckboxList>
  );
}

/** The rule's resource rows: API group, resources and resource names each. */
function ResourceRows({ base, index }: { base: RuleBase; index: number }) {
  const { control, register } = useFormContext<TokenFormValues>();
  const resources = useFieldArray({ control, name: `${base}.resources` });
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm">Resources (none = all resources)</legend>
      {resources.fields.map((row, r) => (
        <div
          key={row.id}
          className="grid gap-2 rounded border border-dashed border-zinc-300 p-2 sm:grid-cols-[8rem_1fr_1fr_auto] dark:border-zinc-700"
        >
          <div>
            <Label htmlFor={`rules-${index}-resources-${r}-group`} className="text-xs font-normal">
              API group
            </Label>
            <Input
              id={`rules-${index}-resources-${r}-group`}
              {...register(`${base}.resources.${r}.group`)}
              placeholder="core"
            />
          </div>
          <ListField
            name={`${base}.resources.${r}.resources`}
            label="Resources"
            deps={`${base}.resources.${r}.resourceNames`}
            placeholder="pods, pods/log, */scale"
          />
          <ListField
            name={`${base}.resources.${r}.resourceNames`}
            label="Resource names"
            placeholder="only with resources"
          />
          <Button
            variant="ghost"
            className="self-end"
            onClick={() => resources.remove(r)}
            aria-label={`Remove resource row ${r + 1} of rule ${index + 1}`}
          >
            ×
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        onClick={() => resources.append({ group: "", resources: [], resourceNames: [] })}
      >
        Add resources
      </Button>
    </fieldset>
  );
}

/** The rule's virtual clusters: name and namespace each, empty meaning all. */
function VirtualClusterRows({ base, index }: { base: RuleBase; index: number }) {
  const { control, register } = useFormContext<TokenFormValues>();
  const vclusters = useFieldArray({ control, name: `${base}.virtualClusters` });
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm">Virtual clusters (none = any)</legend>
      {vclusters.fields.map((row, v) => (
        <div key={row.id} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto]">
          <Input
            {...register(`${base}.virtualClusters.${v}.name`)}
            aria-label={`Virtual cluster name ${v + 1} of rule ${index + 1}`}
            placeholder="name (empty = all)"
          />
          <Input
            {...register(`${base}.virtualClusters.${v}.namespace`)}
            aria-label={`Virtual cluster namespace ${v + 1} of rule ${index + 1}`}
            placeholder="namespace (empty = all)"
          />
          <Button
            variant="ghost"
            onClick={() => vclusters.remove(v)}
            aria-label={`Remove virtual cluster ${v + 1} of rule ${index + 1}`}
          >
            ×
          </Button>
        </div>
      ))}
      <Button variant="secondary" onClick={() => vclusters.append({ name: "", namespace: "" })}>
        Add virtual cluster
      </Button>
    </fieldset>
  );
}
