"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Label } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { loadManifestYaml } from "@/components/scope-builder/use-manifest-yaml";
import { API_VERSION, TOKEN_KIND } from "@/lib/scope/constants";
import type { AccessKeyScope } from "@/lib/scope/schema";

/** Pre-fills the builder from a pasted DirectClusterEndpointToken (YAML or JSON), spec or scope. */
export function ImportManifest({
  onImport,
}: {
  onImport: (request: { ttl?: number; scope?: AccessKeyScope; notUnderstood: string[] }) => void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Import manifest
      </Button>
    );
  }
  return (
    <div className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <Label htmlFor="import-manifest" className="mb-0">
        Manifest to import
      </Label>
      <Textarea
        id="import-manifest"
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={`apiVersion: ${API_VERSION}\nkind: ${TOKEN_KIND}\nspec:\n  scope:\n    projects:\n      - project: demo`}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={error ? "import-manifest-error" : undefined}
      />
      <FieldError id="import-manifest-error" message={error} />
      <div className="flex gap-2">
        <Button
          onClick={async () => {
            const { parseManifest } = await loadManifestYaml();
            const parsed = parseManifest(text);
            if (!parsed.ok) return setError(parsed.error);
            setError(undefined);
            setText("");
            setOpen(false);
            onImport({
              ttl: parsed.ttl,
              scope: parsed.scope,
              notUnderstood: parsed.notUnderstood,
            });
          }}
        >
          Import
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
