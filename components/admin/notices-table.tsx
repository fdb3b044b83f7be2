import type { NoticeView } from "@/lib/notices/list";
import { formatDuration } from "@/lib/token/time";
import { NoticeAttempts } from "./notices-attempts";
import { NoticeTime } from "./notices-time";

const cell = "px-3 py-2 align-top";
const muted = "block text-xs text-zinc-600 dark:text-zinc-400";

function Credential({ notice }: { notice: NoticeView }) {
  const entry = notice.entry;
  return (
    <>
      {entry?.kind === "accesskey" ? "Access key" : "Token"}
      {entry?.credentialName ? <span className={muted}>{entry.credentialName}</span> : null}
      <code title={notice.entryId} className={`${muted} font-mono`}>
        {notice.entryId.slice(0, 8)}
      </code>
    </>
  );
}

function Event({ notice }: { notice: NoticeView }) {
  const expiresAt = notice.entry?.expiresAt ?? null;
  return (
    <>
      {notice.event === "revoked" ? "Revoked" : `${formatDuration(notice.threshold)} before expiry`}
      {notice.event === "expiring" && expiresAt !== null ? (
        <span className={muted}>
          Expires <NoticeTime ms={expiresAt} />
        </span>
      ) : null}
    </>
  );
}

function State({ notice }: { notice: NoticeView }) {
  switch (notice.state) {
    case "delivered":
      return (
        <>
          Delivered
          <span className={muted}>
            <NoticeTime ms={notice.deliveredAt!} />
          </span>
        </>
      );
    case "dropped":
      return (
        <>
          Not sent
          <span className={`${muted} break-words`}>{notice.lastError}</span>
        </>
      );
    case "sending":
      return <>Sending</>;
    case "pending":
      return <>Pending</>;
    case "retrying":
      return (
        <>
          Retrying
          {notice.nextAttemptAt !== null ? (
            <span className={muted}>
              Next attempt <NoticeTime ms={notice.nextAttemptAt} />
            </span>
          ) : null}
          {notice.lastError ? (
            <span className={`${muted} break-words`}>Last: {notice.lastError}</span>
          ) : null}
        </>
      );
  }
}

const HEADERS = ["Made (UTC)", "Credential", "Issued by", "Notice", "State", "Attempts"];

/** The outbox, newest first, in a real table (scrolls sideways on narrow screens). */
export function NoticesTable({ notices }: { notices: NoticeView[] }) {
  return (
    <div
      role="region"
      aria-label="Notices sent and waiting"
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Notices, newest first</caption>
        <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            {HEADERS.map((header) => (
              <th key={header} scope="col" className="px-3 py-2 font-medium">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {notices.map((notice) => (
            <tr key={notice.id} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className={`${cell} whitespace-nowrap`}>
                <NoticeTime ms={notice.createdAt} />
              </td>
              <td className={cell}>
                <Credential notice={notice} />
              </td>
              <td className={`${cell} break-all`}>{notice.entry?.principal ?? "—"}</td>
              <td className={cell}>
                <Event notice={notice} />
              </td>
              <td className={`${cell} min-w-48`}>
                <State notice={notice} />
              </td>
              <td className={`${cell} min-w-48`}>
                <NoticeAttempts attempts={notice.attempts} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
