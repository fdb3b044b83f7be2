"use client";

import Link from "next/link";
import { PageError, type ErrorPageProps } from "@/components/app-shell/page-error";

export default function IssuedTokensError(props: ErrorPageProps) {
  return (
    <PageError
      {...props}
      title="Your issued tokens could not be listed"
      failed="The console could not read its ledger"
      unaffected="Tokens you issued are not affected."
    >
      <Link href="/tokens/new" className="text-sm underline underline-offset-4">
        Issue a token
      </Link>
    </PageError>
  );
}
