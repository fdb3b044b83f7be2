"use client";

import { useCombobox } from "downshift";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import type { RowsHandle } from "@/components/scope-builder/combobox-rows";
import { Label } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/cn";

export interface ComboOption {
  id: string;
  label: string;
  detail?: string;
  /** Wildcard entries ("All projects (*)") are styled apart. */
  wildcard?: boolean;
  /** Why it cannot be chosen (shown and announced); set = listed but not selectable. */
  unavailable?: string;
}

interface Props {
  id: string;
  label: string;
  placeholder?: string;
  options: ComboOption[];
  inputValue: string;
  onInputValueChange: (value: string) => void;
  onSelect: (option: ComboOption) => void;
  isSelected?: (option: ComboOption) => boolean;
  status: "loading" | "error" | "ready";
  error?: string;
  onRetry?: () => void;
  hasMore?: boolean;
  onLoadMore?: () => void;
  emptyMessage: string;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
}

/** Kept in step with ComboboxRows' ROW (not imported: that module loads apart from the page). */
const ROW = 44;
const MENU_HEIGHT = 288;

const loadRows = () => import("@/components/scope-builder/combobox-rows");
const ComboboxRows = lazy(() => loadRows().then((m) => ({ default: m.ComboboxRows })));

/**
 * A WAI-ARIA combobox (downshift) over server-searched, paged options, virtualized so a list of
 * thousands stays light. Choosing an option hands it to `onSelect` and keeps the popup open for more.
 * The rows (and the virtualizer) load after the page, before anyone opens a list.
 */
export function AsyncCombobox(props: Props) {
  const { options, status } = props;
  // The popup, as state (not a ref read during render): the rows scroll it.
  const [list, setList] = useState<HTMLUListElement | null>(null);
  const rows = useRef<RowsHandle>(null);
  useEffect(() => void loadRows(), []);

  const combobox = useChoosingCombobox(props, rows);

  const statusId = `${props.id}-status`;

  return (
    <div className="relative">
      <Label {...combobox.getLabelProps()}>{props.label}</Label>
      <div className="flex">
        <Input
          {...combobox.getInputProps({
            disabled: props.disabled,
            // The typed text goes to the parent in the input's own change event: downshift's
            // onInputValueChange comes a render late, and the stale value in between dropped
            // keystrokes typed quickly (and moved the caret to the end).
            onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
              props.onInputValueChange(event.currentTarget.value),
            "aria-describedby": [statusId, props.describedBy].filter(Boolean).join(" "),
          })}
          placeholder={props.placeholder}
          aria-invalid={props.invalid || undefined}
          className="rounded-none rounded-l-md disabled:opacity-60"
        />
        <button
          {...combobox.getToggleButtonProps({ disabled: props.disabled })}
          aria-label={`Show ${props.label.toLowerCase()}`}
          className="rounded-r-md border border-l-0 border-zinc-300 px-2 text-zinc-600 disabled:opacity-60 dark:border-zinc-700 dark:text-zinc-300"
        >
          <span aria-hidden>{combobox.isOpen ? "▴" : "▾"}</span>
        </button>
      </div>
      <ul
        {...combobox.getMenuProps({ ref: setList })}
        className={cn(
          "absolute z-20 mt-1 w-full overflow-auto rounded-md border border-zinc-200 bg-white shadow-lg dark:border-zinc-700 dark:bg-zinc-900",
          !(combobox.isOpen && options.length && status !== "error") && "hidden",
        )}
        style={{ height: Math.min(options.length * ROW, MENU_HEIGHT) }}
      >
        {combobox.isOpen ? (
          <Suspense fallback={null}>
            <ComboboxRows
              ref={rows}
              options={options}
              scrollElement={() => list}
              getItemProps={combobox.getItemProps}
              highlightedIndex={combobox.highlightedIndex}
              isSelected={props.isSelected}
              loadMore={props.hasMore && status === "ready" ? props.onLoadMore : undefined}
            />
          </Suspense>
        ) : null}
      </ul>
      <ComboboxStatus
        id={statusId}
        status={status}
        error={props.error}
        onRetry={props.onRetry}
        empty={
          status === "ready" && combobox.isOpen && !options.some((o) => !o.wildcard)
            ? props.emptyMessage
            : undefined
        }
      />
    </div>
  );
}

/**
 * downshift's combobox over `props.options`, set up for choosing several: choosing an option (Enter
 * or a click) hands it to `onSelect` and keeps the popup open with its highlight and typed text; the
 * highlighted row is scrolled into view by the virtualized rows (not by downshift).
 */
function useChoosingCombobox(props: Props, rows: React.RefObject<RowsHandle | null>) {
  return useCombobox<ComboOption>({
    id: props.id,
    items: props.options,
    inputValue: props.inputValue,
    selectedItem: null,
    itemToString: (item) => item?.label ?? "",
    isItemDisabled: (item) => Boolean(item.unavailable),
    onSelectedItemChange: ({ selectedItem }) => {
      if (selectedItem) props.onSelect(selectedItem);
    },
    stateReducer: (_state, { type, changes }) => {
      if (
        type === useCombobox.stateChangeTypes.InputKeyDownEnter ||
        type === useCombobox.stateChangeTypes.ItemClick
      ) {
        return {
          ...changes,
          isOpen: true,
          highlightedIndex: _state.highlightedIndex,
          inputValue: _state.inputValue,
        };
      }
      return changes;
    },
    scrollIntoView: () => {},
    onHighlightedIndexChange: ({ highlightedIndex, type }) => {
      if (
        highlightedIndex !== undefined &&
        highlightedIndex >= 0 &&
        type !== useCombobox.stateChangeTypes.ItemMouseMove
      )
        rows.current?.scrollToIndex(highlightedIndex);
    },
  });
}

/** The list's state, announced: loading, a failure with Retry, or nothing found. */
function ComboboxStatus({
  id,
  status,
  error,
  onRetry,
  empty,
}: {
  id: string;
  status: Props["status"];
  error: string | undefined;
  onRetry: (() => void) | undefined;
  empty: string | undefined;
}) {
  return (
    <div
      id={id}
      role="status"
      aria-live="polite"
      className="mt-1 min-h-5 text-xs text-zinc-600 dark:text-zinc-400"
    >
      {status === "loading" ? "Loading…" : null}
      {status === "error" ? (
        <span className="text-red-700 dark:text-red-400">
          {error ?? "Could not load the list."}{" "}
          {onRetry ? (
            <button type="button" onClick={onRetry} className="underline underline-offset-2">
              Retry
            </button>
          ) : null}
        </span>
      ) : null}
      {empty ?? null}
    </div>
  );
}
