import type { NoticeAttemptView } from "@/lib/notices/list";
import { NoticeTime } from "./notices-time";

const OUTCOME: Record<NoticeAttemptView["outcome"], string> = {
  delivered: "Delivered",
  failed: "Failed",
  sending: "No answer recorded",
};

function AttemptLine({ attempt }: { attempt: NoticeAttemptView }) {
  const status = attempt.httpStatus === null ? "" : `HTTP ${attempt.httpStatus}`;
  const took = attempt.durationMs === null ? "" : `${attempt.durationMs} ms`;
  return (
    <li>
      <span className="font-medium">
        #{attempt.number} {OUTCOME[attempt.outcome]}
      </span>{" "}
      <NoticeTime ms={attempt.startedAt} /> by <code className="text-xs">{attempt.worker}</code>
      {status || took ? ` (${[status, took].filter(Boolean).join(", ")})` : ""}
      {attempt.error ? (
        <span className="block break-words text-red-800 dark:text-red-300">{attempt.error}</span>
      ) : null}
    </li>
  );
}

/** A notice's attempts, folded away behind their count. */
export function NoticeAttempts({ attempts }: { attempts: NoticeAttemptView[] }) {
  if (attempts.length === 0) return <span>None yet</span>;
  return (
    <details>
      <summary className="cursor-pointer">
        {attempts.length} {attempts.length === 1 ? "attempt" : "attempts"}
      </summary>
      <ol className="mt-1 space-y-1 text-xs">
        {attempts.map((attempt) => (
          <AttemptLine key={attempt.number} attempt={attempt} />
        ))}
      </ol>
    </details>
  );
}
