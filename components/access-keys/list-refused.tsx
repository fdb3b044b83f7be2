import { Alert } from "@/components/ui/alert";
import { listFailureText } from "@/lib/access-keys/messages";
import type { SerializedManagementError } from "@/lib/management/errors";
import { SignInLink } from "@/components/app-shell/sign-in-link";

/**
 * The platform refused the list (an older platform, a key scoped without the right): which request
 * failed and what the platform said. The rest of the console is not affected.
 */
export function ListRefused({
  request,
  error,
}: {
  request: string;
  error: SerializedManagementError;
}) {
  return (
    <Alert tone="error" role="alert" data-testid="keys-refused" className="space-y-2">
      <p>
        Your access keys could not be listed: the platform answered <code>{request}</code> with{" "}
        {error.code ? `HTTP ${error.code}` : "an error"}
        {error.reason && error.reason !== "Unknown" ? ` (${error.reason})` : ""}.
      </p>
      <p>
        {listFailureText(error)}
        {error.code === 401 ? (
          <>
            {" "}
            <SignInLink next="/access-keys" />
          </>
        ) : null}
      </p>
      <p>The rest of the console keeps working: you can still issue and inspect tokens.</p>
    </Alert>
  );
}
