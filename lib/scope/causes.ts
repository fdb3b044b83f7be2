import { safeParse, type core } from "zod/mini";

// Callers that need FieldValueRequired vs FieldValueInvalid parse with `reportInput: true` (see `validate`).

/** One Kubernetes `StatusCause`. */
export interface StatusCause {
  field: string;
  reason:
    | "FieldValueRequired"
    | "FieldValueInvalid"
    | "FieldValueNotSupported"
    | "FieldValueTooLong"
    | "FieldValueForbidden"
    | "FieldValueDuplicate";
  message: string;
}

/** `["spec", "scope", "spaces", 0, "project"]` → `spec.scope.spaces[0].project`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Turns zod issues into Kubernetes causes with field paths like `spec.scope.spaces[0].project`. */
function zodIssuesToCauses(
  error: core.$ZodError,
  prefix: ReadonlyArray<PropertyKey> = [],
): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const field = fieldPath([...path, key]);
        causes.push({
          field,
          reason: "FieldValueNotSupported",
          message: `unknown field "${field}"`,
        });
      }
      continue;
    }
    const field = fieldPath(path);
    const required = issue.code === "invalid_type" && issue.input === undefined;
    causes.push({
      field,
      reason: required
        ? "FieldValueRequired"
        : issue.code === "too_big" && issue.origin === "string"
          ? "FieldValueTooLong"
          : issue.code === "invalid_value"
            ? "FieldValueNotSupported"
            : "FieldValueInvalid",
      message: required ? "Required value" : `Invalid value: ${issue.message}`,
    });
  }
  return causes;
}

export type Validated<T> = { ok: true; data: T } | { ok: false; causes: StatusCause[] };

/** Parses `input` with `schema`, returning the data or one Kubernetes cause per problem. */
export function validate<T extends core.$ZodType>(
  schema: T,
  input: unknown,
  prefix: ReadonlyArray<PropertyKey> = [],
): Validated<core.output<T>> {
  const result = safeParse(schema, input, { reportInput: true });
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, causes: zodIssuesToCauses(result.error, prefix) };
}
