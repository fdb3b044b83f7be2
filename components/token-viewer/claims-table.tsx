import { formatClaimDate } from "@/lib/token/time";

/** Names of the header parameters and registered claims a reader may not know by heart. */
const NAMES: Record<string, string> = {
  alg: "Algorithm",
  typ: "Type",
  kid: "Key ID",
  cty: "Content type",
  iss: "Issuer",
  sub: "Subject",
  aud: "Audience",
  exp: "Expires",
  nbf: "Not before",
  iat: "Issued at",
  jti: "Token ID",
};
const DATES = new Set(["exp", "nbf", "iat"]);

function Value({ name, value }: { name: string; value: unknown }) {
  const date = DATES.has(name) ? formatClaimDate(value) : undefined;
  if (date) {
    return (
      <>
        <time dateTime={new Date(Number(value) * 1000).toISOString()}>{date}</time>
        <span className="ml-2 font-mono text-xs text-zinc-500 dark:text-zinc-400">
          {String(value)}
        </span>
      </>
    );
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return <span className="font-mono text-xs break-all">{text}</span>;
}

/** A record (JOSE header or claims) as a two-column table; `omit` leaves keys to other sections. */
export function ClaimsTable({
  caption,
  values,
  omit = [],
}: {
  caption: string;
  values: Record<string, unknown>;
  omit?: string[];
}) {
  const rows = Object.entries(values).filter(([key]) => !omit.includes(key));
  return (
    <table className="w-full self-start border-collapse text-left text-sm">
      <caption className="mb-1 text-left text-sm font-semibold">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2} className="py-1 text-zinc-600 dark:text-zinc-400">
              None
            </td>
          </tr>
        ) : null}
        {rows.map(([key, value]) => (
          <tr key={key} className="border-t border-zinc-200 align-top dark:border-zinc-800">
            <th scope="row" className="w-2/5 py-1.5 pr-3 font-normal sm:w-1/4">
              <span className="block">{NAMES[key] ?? key}</span>
              {NAMES[key] ? (
                <code className="text-xs text-zinc-500 dark:text-zinc-400">{key}</code>
              ) : null}
            </th>
            <td className="py-1.5">
              <Value name={key} value={value} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
