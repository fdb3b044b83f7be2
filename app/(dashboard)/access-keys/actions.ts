"use server";

import { deleteKey, setKeyDisabled } from "@/lib/access-keys/change";
import { withSession } from "@/lib/session/with-session";

/**
 * The Access keys page's changes: Disable / Enable and Delete one of your keys. Each re-parses its
 * input and acts once per submission (lib/access-keys/change.ts); changing the key you signed in
 * with signs you out.
 */
export const setAccessKeyDisabled = withSession(setKeyDisabled);

export const deleteAccessKey = withSession(deleteKey);
