import * as z from "zod/mini";

/**
 * What the Access keys actions accept, parsed again on the server whatever the page sent: the key's
 * name (a Kubernetes object name, DNS-1123 subdomain), the submission id that makes a click act
 * once, and for Disable / Enable the state asked for.
 */

const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const KeyName = z
  .string()
  .check(
    z.minLength(1, "Choose an access key."),
    z.maxLength(253, "An access key name has at most 253 characters."),
    z.regex(
      DNS_1123_SUBDOMAIN,
      "An access key name is a DNS-1123 name: lowercase letters, digits, '-' and '.'.",
    ),
  );

const SubmissionId = z.string().check(z.regex(/^[\w-]{8,64}$/, "The request was malformed."));

export const DeleteKeyInput = z.strictObject({ name: KeyName, submissionId: SubmissionId });
export type DeleteKeyInput = z.infer<typeof DeleteKeyInput>;

export const SetKeyDisabledInput = z.strictObject({
  name: KeyName,
  disabled: z.boolean(),
  submissionId: SubmissionId,
});
export type SetKeyDisabledInput = z.infer<typeof SetKeyDisabledInput>;

/** The first problem with `input`, in words, or the parsed value. */
export function parseKeyInput<T>(
  schema: z.ZodMiniType<T>,
  input: unknown,
): { ok: true; data: T } | { ok: false; error: string } {
  const parsed = z.safeParse(schema, input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const first = parsed.error.issues[0];
  const message =
    first && first.path[0] === "name" && first.code !== "invalid_type"
      ? first.message
      : "The request was malformed. Reload the page and try again.";
  return { ok: false, error: message };
}
