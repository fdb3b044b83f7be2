"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCombobox } from "downshift";
import { useEffect, useRef } from "react";
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

const ROW = 44;
const MENU_HEIGHT = 288;

/**
 * A WAI-ARIA combobox (downshift) over server-searched, paged options, virtualized so a list of
 * thousands stays light. Choosing an option hands it to `onSelect` and keeps the popup open for more.
 */
export function AsyncCombobox(props: Props) {
  const { options, status } = props;
  const listRef = useRef<HTMLUListElement>(null);
  // TanStack Virtual returns fresh functions each render, which the React Compiler cannot memoize.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: options.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW,
    overscan: 8,
  });

  const combobox = useCombobox<ComboOption>({
    id: props.id,
    items: options,
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
        virtualizer.scrollToIndex(highlightedIndex);
    },
  });

  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);
  const nearEnd = combobox.isOpen && last !== undefined && last.index >= options.length - 5;
  const { hasMore, onLoadMore } = props;
  useEffect(() => {
    if (nearEnd && hasMore && status === "ready") onLoadMore?.();
  }, [nearEnd, hasMore, status, onLoadMore]);
  const padTop = items[0]?.start ?? 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;
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
        {...combobox.getMenuProps({ ref: listRef })}
        className={cn(
          "absolute z-20 mt-1 w-full overflow-auto rounded-md border border-zinc-200 bg-white shadow-lg dark:border-zinc-700 dark:bg-zinc-900",
          !(combobox.isOpen && options.length && status !== "error") && "hidden",
        )}
        style={{ height: Math.min(options.length * ROW, MENU_HEIGHT) }}
      >
        {/* Spacers stand in for the rows out of view. (Padding on this list would grow its box past
            MENU_HEIGHT as the user scrolls, so the popup became thousands of pixels tall.) */}
        {combobox.isOpen && padTop > 0 ? (
          <li role="presentation" aria-hidden="true" style={{ height: padTop }} />
        ) : null}
        {combobox.isOpen
          ? items.map((row) => {
              const option = options[row.index]!;
              const selected = props.isSelected?.(option) ?? false;
              return (
                <li
                  key={option.id}
                  {...combobox.getItemProps({ item: option, index: row.index })}
                  data-index={row.index}
                  data-value={option.id}
                  style={{ height: ROW }}
                  className={cn(
                    "flex flex-col justify-center px-3 text-sm",
                    option.unavailable
                      ? "cursor-not-allowed text-zinc-500 dark:text-zinc-400"
                      : "cursor-pointer",
                    combobox.highlightedIndex === row.index && "bg-sky-100 dark:bg-sky-900",
                    option.wildcard && "font-medium text-sky-800 dark:text-sky-300",
                  )}
                >
                  <span className="truncate">
                    {option.label}
                    {option.unavailable ? (
                      <span className="ml-2 text-xs text-amber-800 dark:text-amber-300">
                        — not usable
                      </span>
                    ) : null}
                    {selected ? (
                      <span className="ml-2 text-xs text-emerald-700 dark:text-emerald-400">
                        ✓ added
                      </span>
                    ) : null}
                  </span>
                  {option.detail || option.unavailable ? (
                    <span className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                      {[option.unavailable, option.detail].filter(Boolean).join(" · ")}
                    </span>
                  ) : null}
                </li>
              );
            })
          : null}
        {combobox.isOpen && padBottom > 0 ? (
          <li role="presentation" aria-hidden="true" style={{ height: padBottom }} />
        ) : null}
      </ul>
      <div
        id={statusId}
        role="status"
        aria-live="polite"
        className="mt-1 min-h-5 text-xs text-zinc-600 dark:text-zinc-400"
      >
        {status === "loading" ? "Loading…" : null}
        {status === "error" ? (
          <span className="text-red-700 dark:text-red-400">
            {props.error ?? "Could not load the list."}{" "}
            {props.onRetry ? (
              <button
                type="button"
                onClick={props.onRetry}
                className="underline underline-offset-2"
              >
                Retry
              </button>
            ) : null}
          </span>
        ) : null}
        {status === "ready" && combobox.isOpen && !options.some((o) => !o.wildcard)
          ? props.emptyMessage
          : null}
      </div>
    </div>
  );
}
