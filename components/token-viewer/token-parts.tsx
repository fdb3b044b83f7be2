import type { TokenParts as Parts } from "@/lib/token/decode";
import type { PartName } from "@/lib/token/parts";

/** Colour plus a distinct underline per part, so the parts differ without colour too. */
const PART_STYLES: Record<PartName, { label: string; className: string }> = {
  header: {
    label: "Header",
    className: "text-rose-700 decoration-solid dark:text-rose-300",
  },
  payload: {
    label: "Payload",
    className: "text-violet-700 decoration-dotted dark:text-violet-300",
  },
  signature: {
    label: "Signature",
    className: "text-sky-700 decoration-dashed dark:text-sky-300",
  },
};

const ORDER: PartName[] = ["header", "payload", "signature"];

/** The token's three parts, colour-coded, with a legend. `masked` hides the characters. */
export function TokenParts({ parts, masked = false }: { parts: Parts; masked?: boolean }) {
  return (
    <div className="space-y-2">
      <p
        className="rounded-md border border-zinc-200 bg-white p-3 font-mono text-xs leading-relaxed break-all dark:border-zinc-800 dark:bg-zinc-900"
        data-testid="token-parts"
      >
        {ORDER.map((name, i) => (
          <span key={name}>
            {i > 0 ? <span aria-hidden="true">.</span> : null}
            <span className="sr-only">{`${PART_STYLES[name].label}: `}</span>
            <span className={`underline underline-offset-4 ${PART_STYLES[name].className}`}>
              {masked ? "•".repeat(Math.min(parts[name].length, 24)) : parts[name] || "(empty)"}
            </span>
          </span>
        ))}
      </p>
      <TokenPartsLegend parts={parts} />
    </div>
  );
}

function TokenPartsLegend({ parts }: { parts?: Parts }) {
  return (
    <ul aria-label="Token parts" className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
      {ORDER.map((name) => (
        <li key={name} className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className={`font-mono underline underline-offset-4 ${PART_STYLES[name].className}`}
          >
            abc
          </span>
          <span>
            {PART_STYLES[name].label}
            {parts ? ` (${parts[name].length} characters)` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}
