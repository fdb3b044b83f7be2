"use client";

import { PageError, type ErrorPageProps } from "@/components/app-shell/page-error";

/** A page outside the dashboard (sign-in) that failed on the server: the same view, its own wording. */
export default function RootError(props: ErrorPageProps) {
  return (
    <main className="px-4">
      <PageError
        {...props}
        title="Something went wrong"
        failed="The page could not be shown"
        unaffected="Nothing was changed."
      />
    </main>
  );
}
