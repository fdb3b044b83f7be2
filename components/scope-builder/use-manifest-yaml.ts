"use client";

import { useEffect, useState } from "react";
import type * as ManifestYamlModule from "@/lib/scope/manifest-yaml";

type ManifestYaml = typeof ManifestYamlModule;

let loading: Promise<ManifestYaml> | undefined;

/** Loads the YAML side of manifests (and the YAML library) once, on first need. */
export function loadManifestYaml(): Promise<ManifestYaml> {
  loading ??= import("@/lib/scope/manifest-yaml");
  return loading;
}

/** The YAML module once loaded, else null (render a JSON equivalent meanwhile: JSON is YAML). */
export function useManifestYaml(): ManifestYaml | null {
  const [mod, setMod] = useState<ManifestYaml | null>(null);
  useEffect(() => {
    let live = true;
    void loadManifestYaml().then((m) => live && setMod(m));
    return () => {
      live = false;
    };
  }, []);
  return mod;
}
