import type { AccessRequest } from "@/lib/scope/evaluate";
import { requestText, targetText } from "@/lib/explain/words";

export type ListedRequest = {
  line?: number;
  request: AccessRequest;
  /** Said after the request: why it is listed. */
  why?: string;
};

/** Requests of the pasted activity, each with its line: "Line 3: list on resource "pods" … on …". */
export function RequestList({
  title,
  intro,
  requests,
}: {
  title: string;
  intro: string;
  requests: ListedRequest[];
}) {
  if (requests.length === 0) return null;
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium">{title}</p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{intro}</p>
      <ul aria-label={title} className="list-disc space-y-1 pl-5 text-sm">
        {requests.map((r, i) => (
          <li key={`${r.line ?? 0}-${i}`} className="wrap-anywhere">
            {r.line ? `Line ${r.line}: ` : ""}
            {requestText(r.request)} on {targetText(r.request.target)}
            {r.why ? ` — ${r.why}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
