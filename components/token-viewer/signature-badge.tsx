import { Alert, type AlertTone } from "@/components/ui/alert";
import type { VerifyResult } from "@/lib/token/verify";

type Shown = VerifyResult | { verdict: "checking"; reason: string };

const STYLES: Record<Shown["verdict"], { label: string; icon: string; tone: AlertTone }> = {
  verified: { label: "Signature verified", icon: "✓", tone: "success" },
  failed: { label: "Signature failed", icon: "✕", tone: "error" },
  "not-checked": { label: "Signature not checked", icon: "?", tone: "neutral" },
  checking: { label: "Checking signature…", icon: "…", tone: "neutral" },
};

/**
 * Verified / failed / not checked, with the reason, in a polite live region so the outcome of an
 * asynchronous check is announced. Expiry is shown elsewhere: it is not a signature failure.
 */
export function SignatureBadge({ result }: { result: Shown }) {
  const style = STYLES[result.verdict];
  return (
    <Alert
      tone={style.tone}
      role="status"
      aria-live="polite"
      data-verdict={result.verdict}
      data-testid="signature-verdict"
    >
      <p className="font-semibold">
        <span aria-hidden="true">{style.icon} </span>
        {style.label}
      </p>
      <p className="wrap-anywhere">{result.reason}</p>
    </Alert>
  );
}
