import { LineCounter, parseAllDocuments, stringify } from "yaml";
import { safeParse, type core } from "zod/mini";
import { fieldPath, type StatusCause, validate } from "./causes";
import {
  ACCESS_KEY_JSONPATH,
  buildManifest,
  kubectlCommandFor,
  type OwnedAccessKeyManifest,
  type TokenRequestInput,
} from "./manifest";
import {
  AccessKeyScope,
  DirectClusterEndpointTokenCreate,
  DirectClusterEndpointTokenSpec,
} from "./schema";
import { API_VERSION, TOKEN_KIND } from "./constants";

/**
 * The YAML side of manifests (the preview, the kubectl command, importing a pasted manifest). Kept
 * apart from manifest.ts so the YAML library loads only where YAML is shown or read. Measured: merged
 * into manifest.ts, the YAML library and the schemas join /tokens/new's first load, 189.8 → 242.2 KiB
 * gzip, above the 1.5× budget (~198 KiB).
 */

export function manifestYaml(input: TokenRequestInput): string {
  return stringify(buildManifest(input), { lineWidth: 0 });
}

/** `kubectl create` with the manifest's YAML on stdin, printing the issued token. */
export function kubectlCommand(input: TokenRequestInput): string {
  return kubectlCommandFor(manifestYaml(input));
}

/** The access key object (manifest.ts `ownedAccessKeyObject`) as YAML. */
export function accessKeyManifestYaml(object: OwnedAccessKeyManifest): string {
  return stringify(object, { lineWidth: 0 });
}

/** `kubectl create` with the access key object's YAML on stdin, printing the new key (`spec.key`). */
export function accessKeyKubectlCommand(object: OwnedAccessKeyManifest): string {
  return kubectlCommandFor(accessKeyManifestYaml(object), ACCESS_KEY_JSONPATH);
}

export type ParsedManifest =
  | {
      ok: true;
      ttl?: number;
      scope?: AccessKeyScope;
      /** Fields this console does not know (e.g. from a newer platform), left out of the import. */
      notUnderstood: string[];
    }
  | { ok: false; error: string; causes?: StatusCause[] };

/** Pasted text above this size is refused rather than parsed. */
const MAX_MANIFEST_LENGTH = 256 * 1024;

const SPEC_KEYS = new Set(["ttl", "scope"]);

/**
 * Tolerant reading: a copy of `input` without the object keys `schema` does not know (a strict
 * schema reports them as unrecognized keys), and the field paths of what was left out. Platforms add
 * fields between versions, so a manifest written for a newer one still imports what this console knows.
 */
function withoutUnknownFields(
  schema: core.$ZodType,
  input: Record<string, unknown>,
  prefix: ReadonlyArray<PropertyKey>,
): { value: Record<string, unknown>; left: string[] } {
  const value = structuredClone(input);
  const left: string[] = [];
  // Each pass removes the unknown keys zod reports; nested objects are reported once their parent parses.
  for (let pass = 0; pass < 8; pass++) {
    const result = safeParse(schema, value);
    if (result.success) break;
    const unknown = result.error.issues.filter((i) => i.code === "unrecognized_keys");
    if (!unknown.length) break;
    for (const issue of unknown) {
      let at: unknown = value;
      for (const part of issue.path) at = (at as Record<PropertyKey, unknown>)?.[part];
      if (typeof at !== "object" || at === null) continue;
      for (const key of issue.keys) {
        delete (at as Record<string, unknown>)[key];
        left.push(fieldPath([...prefix, ...issue.path, key]));
      }
    }
  }
  return { value, left: left.sort() };
}

/**
 * Reads a pasted `DirectClusterEndpointToken` (YAML or JSON), a bare spec (`{ttl, scope}`), or a
 * bare AccessKeyScope. Whatever is in `status` (an issued token) is ignored and never returned.
 * `{}` is read as an empty scope (which reaches nothing). Fields this console does not know are left
 * out and listed in `notUnderstood`, never a reason to refuse the rest.
 */
export function parseManifest(text: string): ParsedManifest {
  if (!text.trim())
    return { ok: false, error: "Nothing to read: paste a manifest, spec or scope." };
  if (text.length > MAX_MANIFEST_LENGTH) {
    return { ok: false, error: `Too long: at most ${MAX_MANIFEST_LENGTH / 1024} KiB.` };
  }

  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs))
    return { ok: false, error: "Nothing to read: paste a manifest, spec or scope." };
  const nonEmpty = docs.filter((d) => d.contents !== null || d.errors.length > 0);
  if (nonEmpty.length > 1) {
    return { ok: false, error: `Found ${nonEmpty.length} YAML documents; paste one.` };
  }
  const doc = nonEmpty[0];
  if (!doc) return { ok: false, error: "Nothing to read: paste a manifest, spec or scope." };
  const problem = doc.errors[0];
  if (problem) {
    const at = lineCounter.linePos(problem.pos[0]);
    const message = problem.message.split("\n")[0] ?? problem.message;
    return {
      ok: false,
      error: `Not valid YAML or JSON (line ${at.line}, column ${at.col}): ${message}`,
    };
  }

  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return {
      ok: false,
      error: `Expected an object (a DirectClusterEndpointToken, its spec or an AccessKeyScope), got ${
        Array.isArray(value) ? "a list" : value === null ? "nothing" : `a ${typeof value}`
      }.`,
    };
  }
  const object = value as Record<string, unknown>;

  if ("apiVersion" in object || "kind" in object) {
    const { value: known, left } = withoutUnknownFields(
      DirectClusterEndpointTokenCreate,
      object,
      [],
    );
    const result = validate(DirectClusterEndpointTokenCreate, known);
    if (!result.ok) return invalid(result.causes);
    return fromSpec(result.data.spec ?? {}, left);
  }
  if ("spec" in object || "metadata" in object || "status" in object) {
    const full = { apiVersion: API_VERSION, kind: TOKEN_KIND, ...object };
    const { value: known, left } = withoutUnknownFields(DirectClusterEndpointTokenCreate, full, []);
    const result = validate(DirectClusterEndpointTokenCreate, known);
    if (!result.ok) return invalid(result.causes);
    return fromSpec(result.data.spec ?? {}, left);
  }
  if (Object.keys(object).some((k) => SPEC_KEYS.has(k))) {
    const { value: known, left } = withoutUnknownFields(DirectClusterEndpointTokenSpec, object, []);
    const result = validate(DirectClusterEndpointTokenSpec, known);
    return result.ok ? fromSpec(result.data, left) : invalid(result.causes);
  }
  const { value: known, left } = withoutUnknownFields(AccessKeyScope, object, ["scope"]);
  const result = validate(AccessKeyScope, known, ["scope"]);
  return result.ok ? { ok: true, scope: result.data, notUnderstood: left } : invalid(result.causes);
}

function fromSpec(spec: TokenRequestInput, notUnderstood: string[]): ParsedManifest {
  return {
    ok: true,
    ...(spec.ttl !== undefined ? { ttl: spec.ttl } : {}),
    ...(spec.scope !== undefined ? { scope: spec.scope } : {}),
    notUnderstood,
  };
}

function invalid(causes: StatusCause[]): ParsedManifest {
  const lines = causes.map((c) =>
    c.reason === "FieldValueNotSupported" && c.message.startsWith("unknown field")
      ? `${c.field}: unknown field`
      : `${c.field || "(top level)"}: ${c.message}`,
  );
  return { ok: false, error: lines.join("; "), causes };
}
