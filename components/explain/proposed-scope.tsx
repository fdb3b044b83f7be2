import Link from "next/link";
import { useId } from "react";
import type { ActivityProposal } from "@/lib/explain/propose-from-text";
import { builderHref } from "@/lib/explain/propose-from-text";
import { describeScope } from "@/lib/scope/describe";
import { ActivityProblems } from "./activity-problems";
import { ProposedEntries } from "./proposed-entries";
import { RequestList } from "./request-list";

type Proposed = Extract<ActivityProposal, { state: "proposed" }>;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** The region "Proposed scope": the scope in words, what needs each entry, and what was left out. */
export function ProposedScope({
  result,
  heading: Heading = "h3",
}: {
  result: Proposed;
  heading?: "h2" | "h3";
}) {
  const id = useId();
  const { proposal, problems, requests, lines } = result;
  const words = describeScope(proposal.scope);
  const unused = problems.filter((p) => p.level === "error").length;
  return (
    <section
      aria-labelledby={id}
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <Heading id={id} className="text-base font-semibold">
        Proposed scope
      </Heading>
      <p role="status" className="text-sm">
        {words.headline} From {plural(requests, "request")}
        {unused ? `; ${plural(unused, "line")} not used` : ""}.
      </p>
      {words.kind === "scoped" ? (
        <ul aria-label="Scope in words" className="list-disc space-y-1 pl-5 text-sm">
          {words.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <ProposedEntries entries={proposal.entries} lines={lines} />
      <RequestList
        title="Beyond the credential"
        intro="The credential itself does not admit these requests, so the proposal leaves them out."
        requests={proposal.beyondCredential.map((b) => ({
          ...b,
          why: `${b.answer === "depends" ? "depends on a role the platform decides" : "denied"}: ${b.reasons.join(" ")}`,
        }))}
      />
      <RequestList
        title="Left out"
        intro="These requests were refused when they were made, so the proposal does not admit them."
        requests={proposal.leftOut}
      />
      <ActivityProblems problems={problems} />
      {[...proposal.notes, ...proposal.excess.map((e) => `${e.field}: ${e.message}`)].map((n) => (
        <p key={n} className="text-sm text-zinc-600 dark:text-zinc-400">
          {n}
        </p>
      ))}
      {proposal.entries.length > 0 ? (
        <Link
          href={builderHref(proposal.scope)}
          className="inline-flex rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800 dark:bg-sky-500 dark:text-zinc-950"
        >
          Open in the builder
        </Link>
      ) : null}
    </section>
  );
}
