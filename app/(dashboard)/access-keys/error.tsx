"use client";

import Link from "next/link";
import { PageError, type ErrorPageProps } from "@/components/app-shell/page-error";

export default function AccessKeysError(props: ErrorPageProps) {
  return (
    <PageError
      {...props}
      title="Your access keys could not be shown"
      failed="Something failed on the server while listing your access keys"
      unaffected="No key was changed."
    >
      <Link href="/tokens/new" className="text-sm underline underline-offset-4">
        Issue a token
      </Link>
    </PageError>
  );
}
