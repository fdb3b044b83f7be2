import { CREDENTIAL_LABEL, EVENT_LABEL, utcText, type AuditRow } from "@/lib/audit/row";
import { shortId, STATE_LABEL } from "@/lib/ledger/entry-state";

const cell = "px-3 py-2 align-top";
const none = <span className="text-zinc-500">—</span>;

function When({ ms }: { ms: number }) {
  return <time dateTime={new Date(ms).toISOString()}>{utcText(ms)}</time>;
}

function Violations({ row }: { row: AuditRow }) {
  if (row.event === "policy") return none;
  if (row.violations.length === 0) return <span>None</span>;
  return (
    <ul className="list-disc space-y-1 pl-4 text-red-800 dark:text-red-300">
      {row.violations.map((message, i) => (
        // One message may come twice (two `*` entries): the position tells them apart.
        <li key={i}>{message}</li>
      ))}
    </ul>
  );
}

function Row({ row }: { row: AuditRow }) {
  return (
    <tr className="border-t border-zinc-200 dark:border-zinc-800">
      <td className={`${cell} whitespace-nowrap`}>
        <When ms={row.at} />
      </td>
      <td className={cell}>{EVENT_LABEL[row.event]}</td>
      <td className={`${cell} break-all`}>{row.who}</td>
      <td className={cell}>
        {row.credential ? CREDENTIAL_LABEL[row.credential] : none}
        {row.credentialName ? (
          <span className="block text-xs text-zinc-600 dark:text-zinc-400">
            {row.credentialName}
          </span>
        ) : null}
      </td>
      <td className={`${cell} min-w-64`}>{row.scope}</td>
      <td className={cell}>{row.lifetime ?? none}</td>
      <td className={`${cell} whitespace-nowrap`}>
        {row.event === "policy" ? (
          none
        ) : row.expiresAt === null ? (
          "Never"
        ) : (
          <When ms={row.expiresAt} />
        )}
      </td>
      <td className={`${cell} break-words`}>{row.note ?? none}</td>
      <td className={cell}>
        {row.fingerprint ? (
          <code title={row.fingerprint} className="text-xs">
            {shortId(row.fingerprint)}
          </code>
        ) : (
          none
        )}
      </td>
      <td className={cell}>{row.state ? STATE_LABEL[row.state] : none}</td>
      <td className={`${cell} min-w-64`}>
        <Violations row={row} />
      </td>
    </tr>
  );
}

const HEADERS = [
  "When (UTC)",
  "Event",
  "Who",
  "Credential",
  "Scope or change",
  "Lifetime",
  "Expires",
  "Note",
  "Fingerprint",
  "State",
  "Policy violations",
];

/** The audit's events, newest first, in a real table (scrolls sideways on narrow screens). */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <div
      role="region"
      aria-label="Audit events"
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            {HEADERS.map((header) => (
              <th key={header} scope="col" className={`${cell} font-medium`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={`${row.event}:${row.id}`} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
