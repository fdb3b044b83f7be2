import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** What Next.js passes an `error.tsx`. */
export interface ErrorPageProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/**
 * A page that failed on the server, as its `error.tsx` shows it (the dashboard's, the Issued tokens
 * page's and the root one for sign-in): what could not be shown,
 * what failed (with the reference the server log has) and what that did not touch, Try again, and
 * whatever other way on the page offers (`children`).
 */
export function PageError({
  error,
  reset,
  title,
  failed,
  unaffected,
  children,
}: ErrorPageProps & {
  title: string;
  /** What failed, before the reference: "The console could not read its ledger". */
  failed: string;
  /** A sentence on what the failure did not touch: "Nothing was issued." */
  unaffected: string;
  children?: React.ReactNode;
}) {
  const reference = error.digest ? ` (reference ${error.digest})` : "";
  return (
    <div className="mx-auto max-w-lg space-y-4 py-10">
      <h1 className="text-xl font-semibold">{title}</h1>
      <Alert tone="error" role="alert">
        {`${failed}${reference}. ${unaffected} Try again; if it keeps failing, check the server log for the reference.`}
      </Alert>
      <div className="flex flex-wrap items-center gap-4">
        <Button onClick={reset}>Try again</Button>
        {children}
      </div>
    </div>
  );
}
