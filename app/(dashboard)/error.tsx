"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function DashboardError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto max-w-lg space-y-4 py-10">
      <h1 className="text-xl font-semibold">This page could not be shown</h1>
      <Alert tone="error" role="alert">
        Something failed on the server{error.digest ? ` (reference ${error.digest})` : ""}. Nothing
        was issued. Try again; if it keeps failing, check the server log for the reference.
      </Alert>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
