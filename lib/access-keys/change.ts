import "server-only";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";
import { claimFormSubmission, settleClaim } from "@/lib/actions/submission";
import { getConfig } from "@/lib/config";
import {
  deleteOwnedAccessKey,
  readOwnedAccessKey,
  setOwnedAccessKeyDisabled,
  type OwnedAccessKey,
} from "@/lib/management/access-keys";
import { ManagementError } from "@/lib/management/errors";
import { endCurrentSession, type SessionData } from "@/lib/session/session";
import { ledgerOwnerOf } from "@/lib/ledger/entry";
import { getStore } from "@/lib/store";
import { markAccessKeyDeleted } from "@/lib/ledger/store";
import { ownedBy } from "./filter";
import { DeleteKeyInput, parseKeyInput, SetKeyDisabledInput } from "./input";
import { currentKeyName } from "./list";
import type { KeyChanged } from "./view";
import { keyChangeFailure, notYours, type KeyChange } from "./messages";

/**
 * Disabling, enabling and deleting one of the signed-in principal's keys, with their own key. Each
 * submission acts once (a claim in the console store); the key is read first, so only a key of the
 * caller's own is changed and the change applies to the key as read. Changing the key this session
 * signed in with ends the session and goes to sign-in.
 */

/** Where a session ended by losing its own key goes: sign-in, coming back here. */
const SIGNED_OUT_PATH = "/sign-in?ended=1&next=%2Faccess-keys";

const ALREADY_SENT =
  "This request was already sent; it was not sent to the platform a second time.";

type Step<T> = { ok: true; value: T } | { ok: false; result: ActionResult<never> };

async function platformStep<T>(
  change: KeyChange,
  name: string,
  call: () => Promise<T>,
): Promise<Step<T> & { error?: ManagementError }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (!(error instanceof ManagementError)) throw error;
    return { ok: false, result: keyChangeFailure(change, name, error), error };
  }
}

/** Runs `act` under a submission claim, completing or releasing the claim by its outcome. */
async function once<T>(
  session: SessionData,
  action: string,
  submissionId: string,
  act: () => Promise<{ result: ActionResult<T>; retryable?: boolean }>,
): Promise<ActionResult<T>> {
  const { db } = await getStore();
  const claimed = await claimFormSubmission(
    db,
    session.id,
    action,
    submissionId,
    getConfig().PLATFORM_TIMEOUT_MS * 3 + 5_000,
    ALREADY_SENT,
  );
  if ("refused" in claimed) return claimed.refused;
  let outcome: { result: ActionResult<T>; retryable?: boolean } | undefined;
  try {
    outcome = await act();
    return outcome.result;
  } finally {
    // No outcome (an unexpected error): given back, as a retryable failure is.
    await settleClaim(db, claimed.claim, !outcome || Boolean(outcome.retryable));
  }
}

const displayNameOf = (key: OwnedAccessKey) =>
  (typeof key.spec?.displayName === "string" && key.spec.displayName.trim()) || key.metadata.name;

/** Reads the key and checks it is the caller's own. */
async function readOwn(session: SessionData, change: KeyChange, name: string) {
  const read = await platformStep(change, name, () => readOwnedAccessKey(session.accessKey, name));
  if (!read.ok) return read;
  if (!ownedBy(read.value.spec, session.principal))
    return { ok: false as const, result: notYours(name) };
  return read;
}

/** A failed step's answer: reloads the list when the key turned out to be gone. */
function failed(step: { result: ActionResult<never>; error?: ManagementError }) {
  if (step.error?.code === 404) refresh();
  return { result: step.result, retryable: step.error?.retryable };
}

export async function setKeyDisabled(
  session: SessionData,
  input: unknown,
): Promise<ActionResult<KeyChanged>> {
  const parsed = parseKeyInput(SetKeyDisabledInput, input);
  if (!parsed.ok) return { ok: false, error: parsed.error, code: 400 };
  const { name, disabled, submissionId } = parsed.data;
  const change: KeyChange = disabled ? "disable" : "enable";
  const current = (await currentKeyName(session)) === name;

  const result = await once<KeyChanged>(session, `access-key-${change}`, submissionId, async () => {
    const read = await readOwn(session, change, name);
    if (!read.ok) return failed(read);
    const data = { name, displayName: displayNameOf(read.value), disabled };
    // Already as asked: nothing to send.
    if ((read.value.spec?.disabled === true) === disabled) return { result: { ok: true, data } };
    const patched = await platformStep(change, name, () =>
      setOwnedAccessKeyDisabled(
        session.accessKey,
        name,
        disabled,
        read.value.metadata.resourceVersion,
      ),
    );
    if (!patched.ok) return failed(patched);
    return { result: { ok: true, data } };
  });
  if (result.ok && current && disabled) {
    await endCurrentSession();
    redirect(SIGNED_OUT_PATH);
  }
  if (result.ok) refresh();
  return result;
}

export async function deleteKey(
  session: SessionData,
  input: unknown,
): Promise<ActionResult<KeyChanged>> {
  const parsed = parseKeyInput(DeleteKeyInput, input);
  if (!parsed.ok) return { ok: false, error: parsed.error, code: 400 };
  const { name, submissionId } = parsed.data;
  const current = (await currentKeyName(session)) === name;

  let gone = false;
  const result = await once<KeyChanged>(session, "access-key-delete", submissionId, async () => {
    const read = await readOwn(session, "delete", name);
    if (!read.ok) {
      gone = read.error?.code === 404;
      return failed(read);
    }
    const data = { name, displayName: displayNameOf(read.value) };
    const deleted = await platformStep("delete", name, () =>
      deleteOwnedAccessKey(session.accessKey, name, read.value.metadata.uid),
    );
    if (!deleted.ok) {
      gone = deleted.error?.code === 404;
      return failed(deleted);
    }
    await markAccessKeyDeleted((await getStore()).db, ledgerOwnerOf(session), name);
    return { result: { ok: true, data } };
  });
  // The key this session signed in with is gone either way: the session cannot go on.
  if (current && (result.ok || gone)) {
    await endCurrentSession();
    redirect(SIGNED_OUT_PATH);
  }
  if (result.ok) refresh();
  return result;
}
