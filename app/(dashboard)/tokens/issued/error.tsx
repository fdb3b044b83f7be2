"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function IssuedTokensError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto max-w-lg space-y-4 py-10">
      <h1 className="text-xl font-semibold">Your issued tokens could not be listed</h1>
      <Alert tone="error" role="alert">
        The console could not read its ledger{error.digest ? ` (reference ${error.digest})` : ""}.
        Tokens you issued are not affected. Try again; if it keeps failing, check the server log for
        the reference.
      </Alert>
      <div className="flex flex-wrap items-center gap-4">
        <Button onClick={reset}>Try again</Button>
        <Link href="/tokens/new" className="text-sm underline underline-offset-4">
          Issue a token
        </Link>
      </div>
    </div>
  );
}
