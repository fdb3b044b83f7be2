import { Alert } from "@/components/ui/alert";
import { JsonBlock } from "@/components/token-viewer/json-block";
import type { LoftClaim } from "@/lib/token/loft-claim";

const FIELDS = [
  ["uid", "UID"],
  ["name", "Name"],
  ["kind", "Kind"],
  ["gen", "Generation"],
] as const;

/** The platform's `loft.sh` claim: who/what issued it, whether its scope is valid, extra fields. */
export function LoftClaimDetails({ loft }: { loft: LoftClaim }) {
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">
        Platform claim <code className="font-normal">loft.sh</code>
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {FIELDS.map(([key, label]) => (
          <div key={key} className="contents">
            <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd className="font-mono text-xs break-all">
              {loft[key] === undefined ? "—" : String(loft[key])}
            </dd>
          </div>
        ))}
        <div className="contents">
          <dt className="text-zinc-600 dark:text-zinc-400">Scope</dt>
          <dd>
            {loft.scope.state === "absent"
              ? "none (unrestricted)"
              : loft.scope.state === "valid"
                ? "present and valid"
                : "present, but not a valid AccessKeyScope"}
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
          <JsonBlock value={loft.scope.raw} label="Scope as in the token" />
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
