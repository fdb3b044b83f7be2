import { Alert } from "@/components/ui/alert";
import { compareIssued } from "@/lib/issuing/results";
import type { DirectClusterEndpointTokenSpec } from "@/lib/scope/schema";
import type { DecodedToken } from "@/lib/token/decode";

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
