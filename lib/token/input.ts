import { parse } from "yaml";
import { parseManifest } from "@/lib/scope/manifest-yaml";
import type { AccessKeyScope } from "@/lib/scope/schema";
import { decodeToken, type DecodeResult } from "@/lib/token/decode";

/**
 * What the inspector's "Token" field holds: a JWT, a DirectClusterEndpointToken manifest (YAML or
 * JSON; its `status.token` when issued, else its `spec.scope`), or an AccessKeyScope alone.
 */
export type InspectorInput =
  | { kind: "empty" }
  | { kind: "token"; from: "jwt" | "manifest"; decoded: DecodeResult }
  | {
      kind: "scope";
      from: "manifest";
      scope?: AccessKeyScope;
      ttl?: number;
      /** Fields this console does not know, left out (never a reason to refuse the rest). */
      notUnderstood: string[];
    }
  | { kind: "error"; message: string };

/** Text made only of what a (possibly wrapped, quoted or `Bearer `-prefixed) JWT is made of. */
const TOKEN_LIKE = /^[\sA-Za-z0-9_\-.=+/"'`]*$/;

export function readInspectorInput(text: string): InspectorInput {
  if (!text.trim()) return { kind: "empty" };
  const trimmed = text.trim();
  if (TOKEN_LIKE.test(trimmed) || /^Bearer\s/i.test(trimmed) || !/[:{]/.test(trimmed)) {
    return { kind: "token", from: "jwt", decoded: decodeToken(trimmed) };
  }
  const issued = issuedToken(trimmed);
  if (issued) return { kind: "token", from: "manifest", decoded: decodeToken(issued) };
  const manifest = parseManifest(trimmed);
  if (!manifest.ok) {
    return {
      kind: "error",
      message: `Not a JWT, and not a DirectClusterEndpointToken manifest or scope: ${manifest.error}`,
    };
  }
  return {
    kind: "scope",
    from: "manifest",
    scope: manifest.scope,
    ttl: manifest.ttl,
    notUnderstood: manifest.notUnderstood,
  };
}

/** `status.token` of a pasted manifest, when it has one. */
function issuedToken(text: string): string | undefined {
  try {
    const value: unknown = parse(text, { maxAliasCount: 50 });
    const status = (value as { status?: { token?: unknown } } | null)?.status;
    return typeof status?.token === "string" && status.token ? status.token : undefined;
  } catch {
    return undefined;
  }
}
