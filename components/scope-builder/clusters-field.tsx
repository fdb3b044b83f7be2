"use client";

import { PickerField } from "@/components/scope-builder/picker-field";

/** `clusters`: clusters the token may reach, from the platform's list, or all of them (*). */
export function ClustersField({ beyond }: { beyond?: Record<number, string> }) {
  return (
    <PickerField
      beyond={beyond}
      config={{
        name: "clusters",
        label: "Clusters",
        placeholder: "Search clusters…",
        source: { kind: "clusters" },
        option: (c) => ({
          id: c.name,
          label: c.displayName ?? c.name,
          detail: c.displayName ? c.name : undefined,
        }),
        wildcard: {
          label: "All clusters (*)",
          detail: (total) =>
            total !== undefined
              ? `Matches the ${total} clusters you can see today, and future ones`
              : "Every cluster, including future ones",
        },
        empty: (search) =>
          search ? `No cluster matches “${search}”.` : "You can see no clusters.",
        entry: (cluster) => ({ cluster }),
        chip: ({ cluster }) => ({
          text: cluster === "*" ? "* (all clusters)" : cluster,
          wildcard: cluster === "*",
        }),
        chipsLabel: "Chosen clusters",
      }}
    />
  );
}
