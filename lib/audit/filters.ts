import type { EntryState } from "@/lib/ledger/entry-state";

/*
 * The audit's filters as the URL holds them — `user`, `project`, `state`, `from`, `to` (UTC dates,
 * YYYY-MM-DD, both days included), `violates=1` — read and checked once for the page and the export
 * alike, and written back into the page's and the export's addresses. Browser-safe.
 */

export interface AuditFilters {
  /** A principal (`user:NAME`, `team:NAME`), or a bare name meaning either. */
  user?: string;
  /** Entries whose scope names this project (not `*`). */
  project?: string;
  /** Entries in this state now; "active" includes those expiring soon, as on Issued tokens. */
  state?: EntryState;
  /** First day (UTC) of the events shown, YYYY-MM-DD. */
  from?: string;
  /** Last day (UTC) of the events shown, YYYY-MM-DD. */
  to?: string;
  /** Entries the current policy would refuse. */
  violates?: boolean;
}

export type FilterField = keyof AuditFilters;

export const ENTRY_STATES: readonly { state: EntryState; label: string }[] = [
  { state: "active", label: "Active (expiring soon included)" },
  { state: "expiring", label: "Expiring within 7 days" },
  { state: "expired", label: "Expired" },
  { state: "revoked", label: "Revoked" },
];

export interface ReadFilters {
  filters: AuditFilters;
  /** Why a field was set aside, by field. */
  errors: Partial<Record<FilterField, string>>;
  /** What was typed, by field (to show again beside its error). */
  values: Partial<Record<FilterField, string>>;
}

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim();

const NAME = /^[^\s:\u0000-\u001f]{1,253}$/;
const PRINCIPAL = /^(user|team):[^\s:\u0000-\u001f]{1,253}$/;
const PROJECT = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of a UTC day's start, or undefined for anything but a real YYYY-MM-DD date. */
export function dayStart(day: string): number | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : undefined;
}

/** The filters in a query; an invalid value is set aside with the reason. */
export function readAuditFilters(params: Params): ReadFilters {
  const filters: AuditFilters = {};
  const errors: ReadFilters["errors"] = {};
  const values: ReadFilters["values"] = {};
  for (const field of ["user", "project", "state", "from", "to", "violates"] as const) {
    const value = first(params[field]);
    if (value) values[field] = value.slice(0, 300);
  }
  const user = first(params.user);
  if (user) {
    if (PRINCIPAL.test(user) || NAME.test(user)) filters.user = user;
    else errors.user = "Enter a user name, or user:NAME or team:NAME";
  }
  const project = first(params.project);
  if (project) {
    if (PROJECT.test(project)) filters.project = project;
    else errors.project = "Enter a project name: a–z, 0–9 and '-'";
  }
  const state = first(params.state);
  if (state) {
    const known = ENTRY_STATES.find((s) => s.state === state);
    if (known) filters.state = known.state;
    else errors.state = "Choose a state from the list";
  }
  for (const field of ["from", "to"] as const) {
    const day = first(params[field]);
    if (!day) continue;
    if (dayStart(day) !== undefined) filters[field] = day;
    else errors[field] = "Enter a date as YYYY-MM-DD";
  }
  if (filters.from && filters.to && filters.to < filters.from) {
    errors.to = "The last day comes before the first";
    delete filters.to;
  }
  const violates = first(params.violates);
  if (violates === "1" || violates === "on" || violates === "true") filters.violates = true;
  return { filters, errors, values };
}

/** The filters as query parameters (only those set), in a fixed order. */
export function filterParams(filters: AuditFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.user) query.set("user", filters.user);
  if (filters.project) query.set("project", filters.project);
  if (filters.state) query.set("state", filters.state);
  if (filters.from) query.set("from", filters.from);
  if (filters.to) query.set("to", filters.to);
  if (filters.violates) query.set("violates", "1");
  return query;
}

/** True when a filter narrows entries (so policy changes, which are no entries, are left out). */
export const filtersEntries = (f: AuditFilters) =>
  Boolean(f.user || f.project || f.state || f.violates);

const AUDIT_PATH = "/admin/audit";

/** The audit page at a cursor: `after` pages to older events, `before` to newer ones. */
export function auditHref(filters: AuditFilters, page: { after?: string; before?: string } = {}) {
  const query = filterParams(filters);
  if (page.after) query.set("after", page.after);
  else if (page.before) query.set("before", page.before);
  const qs = query.toString();
  return qs ? `${AUDIT_PATH}?${qs}` : AUDIT_PATH;
}

export type ExportFormat = "csv" | "ndjson";

/** Every event of the filtered audit as a file (all pages, newest first). */
export function exportHref(filters: AuditFilters, format: ExportFormat) {
  const query = filterParams(filters);
  query.set("format", format);
  return `/api/admin/audit/export?${query.toString()}`;
}

/** The page cursors in a query, when they look like ones. */
export function readCursor(params: Params): { after?: string; before?: string } {
  const cursor = (v: string | undefined) => (v && /^[A-Za-z0-9_-]{1,512}$/.test(v) ? v : undefined);
  const after = cursor(first(params.after));
  const before = cursor(first(params.before));
  return after ? { after } : before ? { before } : {};
}
