"use client";

import { PageError, type ErrorPageProps } from "@/components/app-shell/page-error";

export default function AdminError(props: ErrorPageProps) {
  return (
    <PageError
      {...props}
      title="This admin page could not be shown"
      failed="Something failed on the server"
      unaffected="The policy in force did not change."
    />
  );
}
