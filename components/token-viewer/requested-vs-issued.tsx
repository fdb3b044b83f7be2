import { Alert } from "@/components/ui/alert";
import { normalizeScope } from "@/lib/scope/manifest";
import { formatDuration } from "@/lib/token/time";
import type { DirectClusterEndpointTokenSpec } from "@/lib/scope/schema";
import type { DecodedToken } from "@/lib/token/decode";

/** Differences between what was asked for and what the platform put in the token. */
function compareIssued(
  requested: DirectClusterEndpointTokenSpec,
  unrestricted: boolean,
  token: DecodedToken,
): string[] {
  const differences: string[] = [];
  const { iat, exp } = token.claims;
  if (
    requested.ttl !== undefined &&
    typeof iat === "number" &&
    typeof exp === "number" &&
    Math.abs(exp - iat - requested.ttl) > 1
  ) {
    differences.push(
      `Lifetime: you asked for ${formatDuration(requested.ttl)}, the token lives ${formatDuration(exp - iat)}${exp - iat < requested.ttl ? " (the platform capped it)" : ""}.`,
    );
  }
  const claim = token.loft?.scope;
  if (!claim || claim.state === "absent") {
    if (!unrestricted)
      differences.push(
        "Scope: you asked for a scoped token, but the token carries no scope claim.",
      );
  } else if (claim.state === "invalid") {
    differences.push(
      `Scope: the token's scope claim is not a valid AccessKeyScope (${claim.issues.join("; ")}).`,
    );
  } else if (unrestricted) {
    differences.push("Scope: you asked for an unrestricted token, but the platform added a scope.");
  } else if (
    JSON.stringify(normalizeScope(claim.scope)) !==
    JSON.stringify(normalizeScope(requested.scope ?? {}))
  ) {
    differences.push(
      "Scope: the scope in the token differs from the one you asked for (the platform narrowed or changed it). See “What it can reach” below.",
    );
  }
  return differences;
}

export function RequestedVsIssued({
  requested,
  unrestricted,
  token,
}: {
  requested: DirectClusterEndpointTokenSpec;
  unrestricted: boolean;
  token: DecodedToken;
}) {
  const differences = compareIssued(requested, unrestricted, token);
  if (!differences.length) {
    return (
      <Alert tone="success">The token carries exactly the scope and lifetime you asked for.</Alert>
    );
  }
  return (
    <Alert tone="error" role="alert">
      <p className="font-semibold">The issued token differs from your request:</p>
      <ul className="mt-1 list-disc pl-5">
        {differences.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
    </Alert>
  );
}
