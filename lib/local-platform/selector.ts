/**
 * Kubernetes label selectors (k8s.io/apimachinery/pkg/labels): `a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x)`, `a` (exists), `!a` (does not exist); commas AND them together.
 * Also the field selectors lists accept: `metadata.name` and `metadata.namespace` with =, ==, !=.
 */

export type Requirement =
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "notexists"; values: [] };

export class SelectorError extends Error {}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function checkKey(key: string) {
  const slash = key.indexOf("/");
  const prefix = slash === -1 ? "" : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (slash !== -1 && (prefix.length === 0 || prefix.length > 253 || !PREFIX.test(prefix))) {
    throw new SelectorError(`invalid label key "${key}": prefix must be a DNS subdomain`);
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    throw new SelectorError(
      `invalid label key "${key}": name must be 63 characters or less, alphanumeric, '-', '_' or '.'`,
    );
  }
}

function checkValue(value: string) {
  if (value.length > 63 || !VALUE.test(value)) {
    throw new SelectorError(
      `invalid label value "${value}": must be 63 characters or less, alphanumeric, '-', '_' or '.'`,
    );
  }
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    if (depth < 0 || depth > 1) throw new SelectorError("unbalanced parentheses");
    if (c === "," && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) throw new SelectorError("unbalanced parentheses");
  terms.push(selector.slice(start));
  return terms.map((t) => t.trim());
}

const SET_TERM = /^(\S+)\s+(in|notin)\s*\((.*)\)$/;
const EQ_TERM = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/;

function parseTerm(term: string): Requirement {
  if (term === "") throw new SelectorError("empty requirement");
  const set = SET_TERM.exec(term);
  if (set) {
    const [, key, op, list] = set as unknown as [string, string, "in" | "notin", string];
    checkKey(key);
    const values = list.split(",").map((v) => v.trim());
    if (values.length === 0 || (values.length === 1 && values[0] === "")) {
      throw new SelectorError(`"${key} ${op}" needs at least one value`);
    }
    values.forEach(checkValue);
    return { key, op, values };
  }
  const eq = EQ_TERM.exec(term);
  if (eq) {
    const [, key, op, value] = eq as unknown as [string, string, string, string];
    checkKey(key);
    const v = value.trim();
    checkValue(v);
    return { key, op: op === "!=" ? "notin" : "in", values: [v] };
  }
  if (term.startsWith("!")) {
    const key = term.slice(1).trim();
    checkKey(key);
    return { key, op: "notexists", values: [] };
  }
  checkKey(term);
  return { key: term, op: "exists", values: [] };
}

/** Parses a label selector; throws SelectorError with a readable message when malformed. */
export function parseLabelSelector(selector: string): Requirement[] {
  if (selector.trim() === "") return [];
  if (selector.length > 4096) throw new SelectorError("selector is too long");
  return splitTerms(selector).map(parseTerm);
}

/** True when `labels` satisfy every requirement (what the SQL filter computes). */
export function matchesLabels(
  requirements: Requirement[],
  labels: Record<string, string>,
): boolean {
  return requirements.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    switch (r.op) {
      case "exists":
        return has;
      case "notexists":
        return !has;
      case "in":
        return has && r.values.includes(labels[r.key]!);
      case "notin":
        return !has || !r.values.includes(labels[r.key]!);
    }
  });
}

export interface FieldRequirement {
  field: "metadata.name" | "metadata.namespace";
  op: "=" | "!=";
  value: string;
}

/** Field selectors lists support: metadata.name and metadata.namespace with =, ==, !=. */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  if (selector.trim() === "") return [];
  if (selector.length > 4096) throw new SelectorError("selector is too long");
  return selector.split(",").map((raw) => {
    const term = raw.trim();
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new SelectorError(`invalid field selector "${term}"`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    if (field !== "metadata.name" && field !== "metadata.namespace") {
      throw new SelectorError(`field label not supported: ${field}`);
    }
    return { field, op: op === "!=" ? "!=" : "=", value: value.trim() };
  });
}
