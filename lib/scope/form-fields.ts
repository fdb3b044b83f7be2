import type { core } from "zod/mini";
import { AccessKeyScope } from "@/lib/scope/schema";

/**
 * The scope builder's field names for problems found at request or platform paths: the one mapping
 * behind the form's own validation (form-schema.ts) and the issue action's `fieldErrors`, so the browser
 * copies server errors with `setError` as they are.
 *
 * - `note` → `note`
 * - `unrestricted` → `access`, the choice between a scope and none
 * - `spec.ttl` (and an access key's `noExpiry`) → `ttlMode`: the Time to live field shows it however
 *   the TTL was entered (preset, duration, date or no expiry), and re-validates it whenever one of
 *   its inputs changes.
 * - an access key's `spec.displayName`, `spec.description`, `spec.ttlAfterLastActivity` → the
 *   field of the same name
 * - `spec.scope.spaces[0].project` → `spaces.0.project` (any path the scope schema has)
 * - `spec.scope` as a whole (a scope that names nothing) → `projects`, the first of the scope's fields
 * - anything else (`unrestricted`, `metadata.name`, a field the scope does not have) → `root`, the
 *   form-level error, its message prefixed by the path it was reported at.
 */
const FORM_LEVEL = "root";
const ACCESS_KEY_FIELDS = new Set(["displayName", "description", "ttlAfterLastActivity"]);

type Segment = string | number;

/** `spec.scope.rules[0].resources[1].group` → `["spec", "scope", "rules", 0, "resources", 1, "group"]`. */
function segmentsOf(field: string): Segment[] | undefined {
  const out: Segment[] = [];
  for (const part of field.split(".")) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    out.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** True when `path` leads to a value the schema has (through objects, optionals and lists). */
function hasPath(schema: core.$ZodType, path: readonly Segment[]): boolean {
  let current: core.$ZodType | undefined = schema;
  for (const step of path) {
    while (current?._zod.def.type === "optional")
      current = (current._zod.def as core.$ZodOptionalDef).innerType;
    const def: core.$ZodTypeDef | undefined = current?._zod.def;
    if (def?.type === "object" && typeof step === "string")
      current = Object.hasOwn((def as core.$ZodObjectDef).shape, step)
        ? (def as core.$ZodObjectDef).shape[step]
        : undefined;
    else if (def?.type === "array" && typeof step === "number")
      current = (def as core.$ZodArrayDef).element;
    else return false;
  }
  return current !== undefined;
}

/** The form field that shows a problem reported at `path` (dotted and indexed, or zod's segments). */
export function formFieldOf(path: string | readonly PropertyKey[]): string {
  const parts =
    typeof path === "string"
      ? segmentsOf(path)
      : path.every((p) => typeof p !== "symbol")
        ? (path as Segment[])
        : undefined;
  if (!parts) return FORM_LEVEL;
  const [first, second, ...rest] = parts;
  if (first === "note" && parts.length === 1) return "note";
  if (first === "noExpiry" && parts.length === 1) return "ttlMode";
  if (first === "unrestricted" && parts.length === 1) return "access";
  if (first !== "spec") return FORM_LEVEL;
  if (second === "ttl" && rest.length === 0) return "ttlMode";
  if (typeof second === "string" && ACCESS_KEY_FIELDS.has(second) && rest.length === 0)
    return second;
  if (second !== "scope") return FORM_LEVEL;
  if (rest.length === 0) return "projects";
  return hasPath(AccessKeyScope, rest) ? rest.join(".") : FORM_LEVEL;
}

/** One problem at a request or API path: a zod-derived or platform `StatusCause`. */
export type FieldProblem = { field?: string; message?: string };

/**
 * `fieldErrors` keyed by the form's field names, first message per field. Problems with no field of
 * their own go to `root`, unless `alreadySaid` (the error shown above the form) says them already.
 */
export function formFieldErrors(
  problems: readonly FieldProblem[],
  alreadySaid = "",
): Record<string, string> | undefined {
  const errors: Record<string, string> = {};
  const formLevel: string[] = [];
  for (const { field = "", message } of problems) {
    if (!message) continue;
    const name = field ? formFieldOf(field) : FORM_LEVEL;
    if (name !== FORM_LEVEL) errors[name] ??= message;
    else if (!alreadySaid.includes(message))
      formLevel.push(field ? `${field}: ${message}` : message);
  }
  if (formLevel.length) errors[FORM_LEVEL] = formLevel.join("; ");
  return Object.keys(errors).length ? errors : undefined;
}

/**
 * `fieldErrors` for a request the schema refused (`validate`'s causes, lib/scope/causes.ts), as the
 * issue actions return them: the schema's own messages, without the "Invalid value: " of a Status.
 */
export function requestFieldErrors(causes: readonly FieldProblem[]) {
  return formFieldErrors(
    causes.map((c) => ({ ...c, message: c.message?.replace(/^Invalid value: /, "") })),
  );
}
