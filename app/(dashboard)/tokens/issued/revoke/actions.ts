"use server";

import { refresh } from "next/cache";
import { revokeAll } from "@/lib/revocation/revoke-all";
import { withSession } from "@/lib/session/with-session";

/** Revoke all tokens you issued (lib/revocation/revoke-all.ts); the page shows the new state. */
export const revokeAllTokens = withSession(async (session, form: FormData) => {
  const result = await revokeAll(session, form);
  if (result.ok) refresh();
  return result;
});
