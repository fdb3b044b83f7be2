"use client";

import { useId, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Hint, Label } from "@/components/ui/field";
import {
  authorizationHeader,
  contextNames,
  curlExample,
  exportLine,
  TOKEN_VARIABLE,
  type UsableTarget,
} from "@/lib/kubeconfig/assemble";

const MASK = "••••••••";

function Snippet({ label, shown, text }: { label: string; shown: string; text: string }) {
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="text-sm font-medium">{label}</h4>
        <CopyButton text={text} label={`Copy ${label.toLowerCase()}`} />
      </div>
      <pre className="rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs break-all whitespace-pre-wrap dark:border-zinc-800 dark:bg-zinc-900">
        {shown}
      </pre>
    </div>
  );
}

/**
 * The header, the export line and a curl example; the token (or access key, read from `variable`) is
 * masked on screen, copied in full.
 */
export function TokenSnippets({
  token,
  targets,
  variable = TOKEN_VARIABLE,
  noun = "token",
}: {
  token: string;
  targets: UsableTarget[];
  variable?: string;
  noun?: string;
}) {
  const [chosen, setChosen] = useState(0);
  const selectId = useId();
  const target = targets[Math.min(chosen, targets.length - 1)];
  const names = contextNames(targets);
  return (
    <div className="space-y-3">
      <Snippet
        label="Authorization header"
        shown={authorizationHeader(MASK)}
        text={authorizationHeader(token)}
      />
      <Snippet
        label="Export line"
        shown={exportLine(MASK, variable)}
        text={exportLine(token, variable)}
      />
      {target ? (
        <div className="space-y-1">
          <Label htmlFor={selectId} className="mb-0">
            Target for curl
          </Label>
          <select
            id={selectId}
            value={Math.min(chosen, targets.length - 1)}
            onChange={(e) => setChosen(Number(e.target.value))}
            className="max-w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            {targets.map((t, i) => (
              <option key={t.id} value={i}>
                {names[i]}
              </option>
            ))}
          </select>
          <Snippet
            label="curl command"
            shown={curlExample(target, variable)}
            text={curlExample(target, variable)}
          />
          <Hint className="mt-0">
            Run the export line first: the command reads the {noun} from ${variable}.
          </Hint>
        </div>
      ) : null}
    </div>
  );
}
