import { Alert } from "@/components/ui/alert";
import { JsonBlock } from "@/components/token-viewer/json-block";
import { CopyButton } from "@/components/ui/copy-button";
import { LOFT_KINDS, type LoftClaim, type OriginalRequester } from "@/lib/token/loft-claim";

const FIELDS = [
  ["uid", "UID"],
  ["name", "Name"],
  ["kind", "Kind"],
  ["gen", "Generation"],
] as const;

function shown(loft: LoftClaim, key: (typeof FIELDS)[number][0]): string {
  const value = loft[key];
  if (value === undefined) return "—";
  if (key === "kind" && LOFT_KINDS[String(value)]) return `${value} (${LOFT_KINDS[String(value)]})`;
  if (key === "gen")
    return `${value} (revoked when the owner's token generation is raised above it)`;
  return String(value);
}

function Requester({ requester }: { requester: OriginalRequester }) {
  const extra = Object.entries(requester.extra ?? {});
  return (
    <span className="block space-y-0.5 text-xs">
      <span className="block font-mono">{requester.name ?? "(no name)"}</span>
      {requester.uid ? <span className="block font-mono">UID {requester.uid}</span> : null}
      {requester.groups?.length ? (
        <span className="block">Groups: {requester.groups.join(", ")}</span>
      ) : null}
      {extra.map(([key, values]) => (
        <span key={key} className="block">
          {key}: {values.join(", ")}
        </span>
      ))}
    </span>
  );
}

/** The platform's `loft.sh` claim: who/what issued it, whether its scope is valid, extra fields. */
export function LoftClaimDetails({ loft, rawScope }: { loft: LoftClaim; rawScope?: unknown }) {
  const scopeValue =
    loft.scope.state === "absent"
      ? undefined
      : (rawScope ?? (loft.scope.state === "valid" ? loft.scope.scope : loft.scope.raw));
  const scopeJson = scopeValue === undefined ? undefined : JSON.stringify(scopeValue, null, 2);
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">
        Platform claim <code className="font-normal">loft.sh</code>
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {FIELDS.map(([key, label]) => (
          <div key={key} className="contents">
            <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd className="font-mono text-xs break-all">{shown(loft, key)}</dd>
          </div>
        ))}
        {loft.originalRequester ? (
          <div className="contents">
            <dt className="text-zinc-600 dark:text-zinc-400">Requested by</dt>
            <dd>
              <Requester requester={loft.originalRequester} />
            </dd>
          </div>
        ) : null}
        <div className="contents">
          <dt className="text-zinc-600 dark:text-zinc-400">Scope</dt>
          <dd className="min-w-0">
            {loft.scope.state === "absent"
              ? "none (unrestricted)"
              : loft.scope.state === "valid"
                ? loft.scope.notUnderstood.length
                  ? `present and valid; ${loft.scope.notUnderstood.length} field(s) not understood by this console: ${loft.scope.notUnderstood.map((n) => n.field).join(", ")}`
                  : "present and valid"
                : "present, but not a valid AccessKeyScope"}
            {scopeJson !== undefined ? (
              <div className="mt-1 space-y-1">
                <CopyButton text={scopeJson} label="Copy scope JSON" />
                <JsonBlock value={scopeValue} label="Scope JSON" />
              </div>
            ) : null}
          </dd>
        </div>
      </dl>
      {loft.scope.state === "invalid" ? (
        <Alert tone="error">
          <p className="font-medium">The scope in this token is not a valid AccessKeyScope:</p>
          <ul className="list-disc pl-5">
            {loft.scope.issues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {loft.problems.map((problem) => (
        <Alert key={problem} tone="warning">
          {problem}
        </Alert>
      ))}
      {Object.keys(loft.extra).length > 0 ? (
        <>
          <p className="text-sm">Other fields of the loft.sh claim:</p>
          <JsonBlock value={loft.extra} label="Other loft.sh fields" />
        </>
      ) : null}
    </div>
  );
}
