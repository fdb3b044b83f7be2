import { parseDocument } from "yaml";
import type { Credential } from "@/lib/scope/constants";
import { ACCESS_KEY_KIND, API_VERSION, NOTE_MAX_LENGTH, TOKEN_KIND } from "@/lib/scope/constants";
import { readScope } from "@/lib/scope/read";
import type { PolicyViolation } from "./evaluate";
import type { PolicySubject } from "./policy";

/*
 * The CI policy check's input: a `DirectClusterEndpointToken` or `OwnedAccessKey` manifest (YAML or
 * JSON), as `kubectl create -f` would send it, either bare or as `{"manifest": …, "note": "…"}`
 * (the note the console would keep with it). Read the way the platform reads it: unknown scope
 * fields set aside, a missing `spec.scope` meaning unrestricted, a missing `spec.ttl` meaning the
 * platform's default for a token and no expiry for an access key.
 */

export const MAX_CHECK_BODY = 256 * 1024;

export type CheckInput =
  | { ok: true; subject: PolicySubject }
  | {
      ok: false;
      code: 400 | 413 | 422;
      message: string;
      causes?: { field: string; message: string }[];
    };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const KINDS: Record<string, Credential> = { [TOKEN_KIND]: "token", [ACCESS_KEY_KIND]: "accesskey" };

function parseText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem)
    return { ok: false, message: `Not valid YAML or JSON: ${problem.message.split("\n")[0]}` };
  return { ok: true, value: doc.toJS({ maxAliasCount: 50 }) };
}

/**
 * The subject a check request's body names, or why it cannot be read; `text` undefined: the body was
 * longer than MAX_CHECK_BODY bytes and was not read (`readBodyText`).
 */
export function readCheckRequest(text: string | undefined): CheckInput {
  if (text === undefined || text.length > MAX_CHECK_BODY)
    return {
      ok: false,
      code: 413,
      message: `The manifest is too long: at most ${MAX_CHECK_BODY / 1024} KiB.`,
    };
  if (!text.trim())
    return {
      ok: false,
      code: 400,
      message: "Send a DirectClusterEndpointToken or OwnedAccessKey manifest.",
    };
  const parsed = parseText(text);
  if (!parsed.ok) return { ok: false, code: 400, message: parsed.message };
  let object = parsed.value;
  let note: unknown;
  if (isRecord(object) && "manifest" in object && !("kind" in object)) {
    note = object.note;
    if (typeof object.manifest === "string") {
      const inner = parseText(object.manifest);
      if (!inner.ok) return { ok: false, code: 400, message: inner.message };
      object = inner.value;
    } else object = object.manifest;
  }
  if (!isRecord(object))
    return {
      ok: false,
      code: 400,
      message: "Send a DirectClusterEndpointToken or OwnedAccessKey manifest (an object).",
    };
  const credential = typeof object.kind === "string" ? KINDS[object.kind] : undefined;
  const causes: { field: string; message: string }[] = [];
  if (!credential)
    causes.push({ field: "kind", message: `must be ${TOKEN_KIND} or ${ACCESS_KEY_KIND}` });
  if (object.apiVersion !== API_VERSION)
    causes.push({ field: "apiVersion", message: `must be ${API_VERSION}` });
  if (note !== undefined && (typeof note !== "string" || note.length > NOTE_MAX_LENGTH))
    causes.push({
      field: "note",
      message: `must be text of at most ${NOTE_MAX_LENGTH} characters`,
    });
  const spec = object.spec === undefined ? {} : object.spec;
  if (!isRecord(spec)) causes.push({ field: "spec", message: "must be an object" });
  const ttl = isRecord(spec) ? spec.ttl : undefined;
  if (ttl !== undefined && !(typeof ttl === "number" && Number.isSafeInteger(ttl) && ttl > 0))
    causes.push({ field: "spec.ttl", message: "must be a whole number of seconds greater than 0" });
  const scope = readScope(isRecord(spec) ? spec.scope : undefined);
  if (scope.state === "invalid")
    for (const issue of scope.issues) causes.push({ field: "spec.scope", message: issue });
  if (causes.length || !credential)
    return { ok: false, code: 422, message: "The manifest cannot be checked as it is.", causes };
  return {
    ok: true,
    subject: {
      credential,
      unrestricted: scope.state === "absent",
      ttl: ttl as number | undefined,
      scope: scope.state === "valid" ? scope.scope : undefined,
      note: typeof note === "string" ? note : undefined,
    },
  };
}

/** Violations at a manifest's fields: an unrestricted credential is one without `spec.scope`. */
export const manifestViolations = (violations: PolicyViolation[]): PolicyViolation[] =>
  violations.map((v) => (v.field === "unrestricted" ? { ...v, field: "spec.scope" } : v));
