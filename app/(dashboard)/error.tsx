"use client";

import { PageError, type ErrorPageProps } from "@/components/app-shell/page-error";

export default function DashboardError(props: ErrorPageProps) {
  return (
    <PageError
      {...props}
      title="This page could not be shown"
      failed="Something failed on the server"
      unaffected="Nothing was issued."
    />
  );
}
