import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FieldError, Label } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ENTRY_STATES, type FilterField, type ReadFilters } from "@/lib/audit/filters";

const selectClass =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";

function TextFilter({
  field,
  label,
  type = "text",
  read,
  hint,
}: {
  field: FilterField;
  label: string;
  type?: "text" | "date";
  read: ReadFilters;
  hint?: string;
}) {
  const error = read.errors[field];
  const id = `audit-${field}`;
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={field}
        type={type}
        defaultValue={read.values[field] ?? ""}
        placeholder={hint}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoComplete="off"
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/**
 * The audit's filters as a GET form: submitting it puts them in the URL (never anything secret), so
 * a filtered audit can be bookmarked and its export links carry the same filters.
 */
export function AuditFilterForm({ read }: { read: ReadFilters }) {
  const stateError = read.errors.state;
  return (
    <form method="get" action="/admin/audit" aria-label="Filter the audit" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <TextFilter field="user" label="User" read={read} hint="alice, or team:ops" />
        <TextFilter field="project" label="Project" read={read} hint="named in the scope" />
        <div>
          <Label htmlFor="audit-state">State</Label>
          <select
            id="audit-state"
            name="state"
            defaultValue={read.filters.state ?? ""}
            aria-invalid={stateError ? true : undefined}
            aria-describedby={stateError ? "audit-state-error" : undefined}
            className={selectClass}
          >
            <option value="">Any</option>
            {ENTRY_STATES.map((s) => (
              <option key={s.state} value={s.state}>
                {s.label}
              </option>
            ))}
          </select>
          <FieldError id="audit-state-error" message={stateError} />
        </div>
        <TextFilter field="from" label="From (UTC day)" type="date" read={read} />
        <TextFilter field="to" label="To (UTC day, included)" type="date" read={read} />
      </div>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            name="violates"
            value="1"
            defaultChecked={read.filters.violates ?? false}
          />
          Violates policy
        </label>
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        <Link href="/admin/audit" className="underline underline-offset-4 hover:no-underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
