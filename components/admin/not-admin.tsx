import { Alert } from "@/components/ui/alert";
import { ADMINS_ONLY } from "@/lib/admin/admins";

/** What a signed-in non-admin sees in place of an admin page. */
export function NotAdmin() {
  return (
    <Alert tone="error" role="alert">
      <h1 className="font-semibold">Not allowed</h1>
      <p>{ADMINS_ONLY}</p>
    </Alert>
  );
}
