"use client";

import { REQUEST_TARGETS, type RequestTarget } from "@/lib/scope/constants";
import type { CheckerErrors, CheckerValues } from "@/lib/inspector/checker-form";
import { SuggestInput } from "./suggest-input";
import {
  useClusterSuggestions,
  useInstanceSuggestions,
  useProjectSuggestions,
} from "./use-suggestions";

const LABELS: Record<RequestTarget, string> = {
  Management: "Management API",
  Cluster: "A cluster",
  ProjectSpace: "A project space",
  ProjectVirtualCluster: "A project virtual cluster",
};

type Props = {
  values: CheckerValues;
  errors: CheckerErrors;
  set: (patch: Partial<CheckerValues>) => void;
  signedIn: boolean;
};

type NameKey = "cluster" | "project" | "space" | "virtualCluster";

const NAME_FIELDS: Record<NameKey, { id: string; label: string }> = {
  cluster: { id: "check-cluster", label: "Cluster" },
  project: { id: "check-project", label: "Project" },
  space: { id: "check-space", label: "Space" },
  virtualCluster: { id: "check-virtual-cluster", label: "Virtual cluster" },
};

/** One of the target's names, required, with its suggestions. */
function NameField({
  name,
  values,
  errors,
  set,
  suggestions,
}: Omit<Props, "signedIn"> & { name: NameKey; suggestions: { value: string; label?: string }[] }) {
  return (
    <SuggestInput
      id={NAME_FIELDS[name].id}
      label={NAME_FIELDS[name].label}
      value={values[name]}
      onChange={(value) => set({ [name]: value })}
      suggestions={suggestions}
      required
      error={errors[name]}
    />
  );
}

/** The target's kind, a radio group. */
function TargetKind({ kind, set }: { kind: RequestTarget; set: Props["set"] }) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">Target</legend>
      <div className="grid gap-1 text-sm sm:grid-cols-2">
        {REQUEST_TARGETS.map((value) => (
          <label key={value} className="flex items-center gap-2">
            <input
              type="radio"
              name="check-target"
              checked={kind === value}
              onChange={() => set({ kind: value })}
            />
            {LABELS[value]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Target kind (radio group) and its names, with live suggestions when signed in. */
export function TargetFields({ values, errors, set, signedIn }: Props) {
  const inProject = values.kind === "ProjectSpace" || values.kind === "ProjectVirtualCluster";
  const projects = useProjectSuggestions(values.project, signedIn && inProject);
  const clusters = useClusterSuggestions(values.cluster, signedIn && values.kind === "Cluster");
  const spaces = useInstanceSuggestions(
    "spaces",
    values.project,
    values.space,
    signedIn && values.kind === "ProjectSpace",
  );
  const vcs = useInstanceSuggestions(
    "virtualclusters",
    values.project,
    values.virtualCluster,
    signedIn && values.kind === "ProjectVirtualCluster",
  );
  const field = { values, errors, set };
  return (
    <div className="space-y-3">
      <TargetKind kind={values.kind} set={set} />
      <div className="grid gap-3 sm:grid-cols-2">
        {values.kind === "Cluster" ? (
          <NameField name="cluster" suggestions={clusters} {...field} />
        ) : null}
        {inProject ? <NameField name="project" suggestions={projects} {...field} /> : null}
        {values.kind === "ProjectSpace" ? (
          <NameField name="space" suggestions={spaces} {...field} />
        ) : null}
        {values.kind === "ProjectVirtualCluster" ? (
          <NameField name="virtualCluster" suggestions={vcs} {...field} />
        ) : null}
      </div>
    </div>
  );
}
