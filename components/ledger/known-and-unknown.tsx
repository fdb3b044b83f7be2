/** What is known about revoking by token generation, and what public sources leave open. */
export function KnownAndUnknown() {
  return (
    <section aria-labelledby="known-unknown" className="space-y-2 text-sm">
      <h2 id="known-unknown" className="text-lg font-semibold">
        What changes, and what is not known
      </h2>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          <strong>Tokens:</strong> the platform&apos;s API documents{" "}
          <code>spec.tokenGeneration</code> as the way to invalidate all of a user&apos;s tokens.
          Each token carries the generation it was issued under (<code>loft.sh.gen</code>); one
          below your new generation is refused. Tokens you issue afterwards carry the new generation
          and keep working.
        </li>
        <li>
          <strong>Access keys are not affected:</strong> they are separate objects and this does not
          change them. You stay signed in, with the same key. No public source says the token
          generation applies to access keys; to stop a key, delete or disable it on the platform.
        </li>
        <li>
          <strong>Not known:</strong> whether your platform lets you raise your own token generation
          (that is up to its permissions; if it refuses, nothing changes and a platform admin can do
          it), and how soon each cluster&apos;s direct endpoint refuses the old tokens.
        </li>
        <li>
          <strong>No undo:</strong> this console never lowers a token generation; lowering it would
          make the old tokens valid again.
        </li>
      </ul>
    </section>
  );
}
