"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * The top of an issued credential's region (token or access key): its heading, focused when the
 * region appears, "Issue another", the shown-once warning and where the ledger recorded it.
 */
export function IssuedIntro({
  headingId,
  title,
  warning,
  recorded,
  ledgerId,
  ledgerLink,
  onIssueAnother,
}: {
  headingId: string;
  title: string;
  warning: string;
  /** What the ledger keeps, before the link: "… never the token itself:". */
  recorded: string;
  ledgerId: string;
  ledgerLink: string;
  onIssueAnother: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={headingId} ref={heading} tabIndex={-1} className="text-xl font-semibold">
          {title}
        </h2>
        <Button variant="secondary" className="ml-auto" onClick={onIssueAnother}>
          Issue another
        </Button>
      </div>
      <Alert tone="warning">{warning}</Alert>
      <p className="text-sm" data-testid="ledger-recorded">
        {recorded}{" "}
        <Link
          href={`/tokens/issued#entry-${ledgerId}`}
          className="underline underline-offset-4 hover:no-underline"
        >
          {ledgerLink}
        </Link>
        .
      </p>
    </>
  );
}
