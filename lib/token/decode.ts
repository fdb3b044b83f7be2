import {
  decodeJwt,
  decodeProtectedHeader,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from "jose";
import { parseLoftClaim, unknownClaims, type LoftClaim } from "@/lib/token/loft-claim";
import {
  base64urlProblem,
  decodeJsonPart,
  normalizeToken,
  PART_NAMES,
  type PartName,
} from "@/lib/token/parts";

/**
 * Decodes a JWT without verifying it (see verify.ts): a pasted one in the browser, and an issued one on
 * the server, whose claims the ledger records (lib/ledger/entry.ts). Every failure names what is wrong
 * and where, so a truncated copy or a pasted YAML value is easy to spot.
 */

export type TokenParts = { header: string; payload: string; signature: string };

export type DecodedToken = {
  ok: true;
  /** The normalized compact token (trimmed, without `Bearer `). */
  token: string;
  parts: TokenParts;
  header: ProtectedHeaderParameters;
  claims: JWTPayload;
  /** The `loft.sh` private claim, when present. */
  loft?: LoftClaim;
  /** Private claims other than `loft.sh`. */
  unknown: Record<string, unknown>;
  /** Set when the token must not be trusted whatever its signature says (`alg: none`). */
  unsafe?: string;
  /** Claims whose type is wrong (`exp` not a number, …); the token is still shown. */
  warnings: string[];
};

export type DecodeErrorCode = "empty" | "parts" | "base64url" | "json";

export type DecodeError = {
  ok: false;
  code: DecodeErrorCode;
  /** The part at fault, for `base64url` and `json`. */
  part?: PartName;
  message: string;
};

export type DecodeResult = DecodedToken | DecodeError;

const fail = (code: DecodeErrorCode, message: string, part?: PartName): DecodeError => ({
  ok: false,
  code,
  part,
  message,
});

export function decodeToken(input: string): DecodeResult {
  const token = normalizeToken(input);
  if (!token) return fail("empty", "Paste a token: the field is empty.");

  const split = token.split(".");
  if (split.length !== 3) {
    const hint =
      split.length === 5
        ? " Five parts is an encrypted token (JWE), which cannot be inspected without its key."
        : split.length < 3
          ? " The token may have been cut off when it was copied."
          : "";
    return fail(
      "parts",
      `A JWT has three parts separated by dots (header.payload.signature); this has ${split.length}.${hint}`,
    );
  }
  const [header = "", payload = "", signature = ""] = split;
  const parts: TokenParts = { header, payload, signature };

  for (const name of PART_NAMES) {
    if (name !== "signature" && parts[name] === "") {
      return fail(
        "base64url",
        `The ${name} (part ${PART_NAMES.indexOf(name) + 1}) is empty.`,
        name,
      );
    }
    const problem = base64urlProblem(parts[name]);
    if (problem) {
      return fail(
        "base64url",
        `The ${name} (part ${PART_NAMES.indexOf(name) + 1}) is not base64url: it ${problem}.`,
        name,
      );
    }
  }
  for (const name of ["header", "payload"] as const) {
    const json = decodeJsonPart(parts[name]);
    if (!json.ok) {
      return fail(
        "json",
        `The ${name} (part ${PART_NAMES.indexOf(name) + 1}) ${json.problem}.`,
        name,
      );
    }
  }

  const decodedHeader = decodeProtectedHeader(token);
  const claims = decodeJwt(token);
  const warnings = claimWarnings(decodedHeader, claims);
  const alg = decodedHeader.alg;
  const unsafe =
    typeof alg === "string" && alg.toLowerCase() === "none"
      ? 'Unsafe: the header says "alg": "none", so the token carries no signature and anyone could have written it.'
      : undefined;

  return {
    ok: true,
    token,
    parts,
    header: decodedHeader,
    claims,
    loft: parseLoftClaim(claims["loft.sh"]),
    unknown: unknownClaims(claims),
    unsafe,
    warnings,
  };
}

function claimWarnings(header: ProtectedHeaderParameters, claims: JWTPayload): string[] {
  const warnings: string[] = [];
  if (header.alg === undefined) warnings.push('The header has no "alg".');
  for (const key of ["iat", "nbf", "exp"] as const) {
    const value = claims[key];
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value))) {
      warnings.push(`The "${key}" claim is not a number of seconds.`);
    }
  }
  return warnings;
}
