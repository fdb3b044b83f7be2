import { safeParse } from "zod/mini";
import { fieldPath } from "./causes";
import { AccessKeyScope } from "./schema";

/**
 * Reading a scope someone else wrote (a token's claim, the signed-in key's `selves` answer, a pasted
 * manifest): tolerant of fields this console does not know. Platforms add scope fields between
 * versions (`clusters` in v3.4, `roles` in v4.0, role names in v4.11), so an unknown field is set
 * aside and reported as "not understood by this console", never a reason to call the scope invalid.
 * Known fields are still checked with the one strict schema. Writing always uses the strict schema.
 */

/** Known keys per place in a scope; a path segment `[]` stands for any list index. */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  "": ["roles", "projects", "spaces", "virtualClusters", "clusters", "rules", "allowLoftCli"],
  "roles[]": ["role", "projects", "virtualClusters"],
  "projects[]": ["project"],
  "spaces[]": ["project", "space"],
  "virtualClusters[]": ["project", "virtualCluster"],
  "clusters[]": ["cluster"],
  "rules[]": [
    "verbs",
    "resources",
    "namespaces",
    "nonResourceURLs",
    "requestTargets",
    "cluster",
    "virtualClusters",
  ],
  "rules[].resources[]": ["group", "resources", "resourceNames"],
  "rules[].virtualClusters[]": ["name", "namespace"],
};

export type NotUnderstood = { field: string; value: unknown };

export type ReadScope =
  | { state: "absent" }
  | { state: "valid"; scope: AccessKeyScope; notUnderstood: NotUnderstood[] }
  | { state: "invalid"; issues: string[]; raw: unknown; notUnderstood: NotUnderstood[] };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A copy of `value` without the keys this console does not know; those are pushed to `out`. */
function strip(value: unknown, shape: string, path: PropertyKey[], out: NotUnderstood[]): unknown {
  const known = KNOWN_KEYS[shape];
  if (Array.isArray(value)) {
    const item = `${shape}[]`;
    return KNOWN_KEYS[item] ? value.map((v, i) => strip(v, item, [...path, i], out)) : value;
  }
  if (!known || !isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!known.includes(key)) {
      out.push({ field: fieldPath([...path, key]), value: v });
      continue;
    }
    const child = shape ? `${shape}.${key}` : key;
    copy[key] =
      Array.isArray(v) && KNOWN_KEYS[`${child}[]`] ? strip(v, child, [...path, key], out) : v;
  }
  return copy;
}

/** Reads a scope leniently; `null`/`undefined` is an absent scope (unrestricted). */
export function readScope(raw: unknown): ReadScope {
  if (raw === undefined || raw === null) return { state: "absent" };
  const notUnderstood: NotUnderstood[] = [];
  const known = strip(raw, "", [], notUnderstood);
  const result = safeParse(AccessKeyScope, known);
  if (result.success) return { state: "valid", scope: result.data, notUnderstood };
  const issues = result.error.issues.map((issue) =>
    issue.path.length ? `${fieldPath(issue.path)}: ${issue.message}` : issue.message,
  );
  return { state: "invalid", issues, raw, notUnderstood };
}

/** The scope when it reads as valid (unknown fields set aside), else undefined. */
export function readScopeOrUndefined(raw: unknown): AccessKeyScope | undefined {
  const read = readScope(raw);
  return read.state === "valid" ? read.scope : undefined;
}
