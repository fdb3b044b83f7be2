"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import type { RecordedActivitySource } from "@/lib/explain/queries";

/** "Load what it did": fills the activity with the credential's recorded audit events. */
export function LoadRecorded({
  recorded,
  onLoaded,
}: {
  recorded: RecordedActivitySource;
  onLoaded: (text: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ status?: string; error?: string }>({});
  async function load() {
    setBusy(true);
    setSaid({});
    try {
      const text = await recorded.load();
      const count = text.split("\n").filter((l) => l.trim()).length;
      onLoaded(text);
      setSaid({
        status: count
          ? `Loaded ${count} recorded ${count === 1 ? "request" : "requests"}.`
          : "Nothing is recorded for this credential yet.",
      });
    } catch (error) {
      setSaid({ error: `Could not load what it did: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" disabled={busy} onClick={() => void load()}>
        {busy ? "Loading…" : "Load what it did"}
      </Button>
      <span role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        {said.status}
      </span>
      <FieldError message={said.error} className="mt-0" />
    </div>
  );
}
