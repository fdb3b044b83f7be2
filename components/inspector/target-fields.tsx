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
  return (
    <div className="space-y-3">
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Target</legend>
        <div className="grid gap-1 text-sm sm:grid-cols-2">
          {REQUEST_TARGETS.map((kind) => (
            <label key={kind} className="flex items-center gap-2">
              <input
                type="radio"
                name="check-target"
                checked={values.kind === kind}
                onChange={() => set({ kind })}
              />
              {LABELS[kind]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        {values.kind === "Cluster" ? (
          <SuggestInput
            id="check-cluster"
            label="Cluster"
            value={values.cluster}
            onChange={(cluster) => set({ cluster })}
            suggestions={clusters}
            required
            error={errors.cluster}
          />
        ) : null}
        {inProject ? (
          <SuggestInput
            id="check-project"
            label="Project"
            value={values.project}
            onChange={(project) => set({ project })}
            suggestions={projects}
            required
            error={errors.project}
          />
        ) : null}
        {values.kind === "ProjectSpace" ? (
          <SuggestInput
            id="check-space"
            label="Space"
            value={values.space}
            onChange={(space) => set({ space })}
            suggestions={spaces}
            required
            error={errors.space}
          />
        ) : null}
        {values.kind === "ProjectVirtualCluster" ? (
          <SuggestInput
            id="check-virtual-cluster"
            label="Virtual cluster"
            value={values.virtualCluster}
            onChange={(virtualCluster) => set({ virtualCluster })}
            suggestions={vcs}
            required
            error={errors.virtualCluster}
          />
        ) : null}
      </div>
    </div>
  );
}
