import Link from "next/link";

/** Access keys are not tokens: a raised token generation leaves them working. */
export function AccessKeysUnaffected({ count }: { count: number }) {
  return (
    <p className="text-sm" data-testid="access-keys-unaffected">
      Access keys are not affected: revoking by token generation ends Direct Cluster Endpoint Tokens
      only.{" "}
      {count > 0
        ? `The ${count === 1 ? "active access key" : `${count} active access keys`} you created here keep${count === 1 ? "s" : ""} working; `
        : ""}
      disable or delete access keys on the{" "}
      <Link href="/access-keys" className="underline underline-offset-4">
        Access keys
      </Link>{" "}
      page.
    </p>
  );
}
