"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import type { UseComboboxPropGetters } from "downshift";
import { useEffect, useImperativeHandle } from "react";
import type { ComboOption } from "@/components/scope-builder/async-combobox";
import { cn } from "@/lib/cn";

export const ROW = 44;

export type RowsHandle = { scrollToIndex: (index: number) => void };

/**
 * The open popup's options, virtualized so a list of thousands stays light: only the rows in view
 * are in the DOM. Loaded by AsyncCombobox after the page, as soon as a combobox mounts (before any
 * list opens), so the virtualizer is not part of the builder's first load.
 */
export function ComboboxRows({
  options,
  scrollElement,
  getItemProps,
  highlightedIndex,
  isSelected,
  loadMore,
  ref,
}: {
  options: ComboOption[];
  scrollElement: () => HTMLElement | null;
  getItemProps: UseComboboxPropGetters<ComboOption>["getItemProps"];
  highlightedIndex: number;
  isSelected?: (option: ComboOption) => boolean;
  /** Set while another page can be loaded; called when the last rows come into view. */
  loadMore?: () => void;
  ref?: React.Ref<RowsHandle>;
}) {
  // TanStack Virtual returns fresh functions each render, which the React Compiler cannot memoize.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: options.length,
    getScrollElement: scrollElement,
    estimateSize: () => ROW,
    overscan: 8,
  });
  useImperativeHandle(ref, () => ({ scrollToIndex: (i) => virtualizer.scrollToIndex(i) }), [
    virtualizer,
  ]);

  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);
  const nearEnd = last !== undefined && last.index >= options.length - 5;
  useEffect(() => {
    if (nearEnd) loadMore?.();
  }, [nearEnd, loadMore]);
  const padTop = items[0]?.start ?? 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;

  return (
    <>
      {/* Spacers stand in for the rows out of view. (Padding on the list would grow its box past
          its height as the user scrolls, so the popup became thousands of pixels tall.) */}
      {padTop > 0 ? <li role="presentation" aria-hidden="true" style={{ height: padTop }} /> : null}
      {items.map((row) => {
        const option = options[row.index]!;
        return (
          <OptionRow
            key={option.id}
            option={option}
            itemProps={getItemProps({ item: option, index: row.index })}
            index={row.index}
            highlighted={highlightedIndex === row.index}
            selected={isSelected?.(option) ?? false}
          />
        );
      })}
      {padBottom > 0 ? (
        <li role="presentation" aria-hidden="true" style={{ height: padBottom }} />
      ) : null}
    </>
  );
}

/** One option: its label (marked when not usable or already added) and its detail. */
function OptionRow({
  option,
  itemProps,
  index,
  highlighted,
  selected,
}: {
  option: ComboOption;
  itemProps: ReturnType<UseComboboxPropGetters<ComboOption>["getItemProps"]>;
  index: number;
  highlighted: boolean;
  selected: boolean;
}) {
  return (
    <li
      {...itemProps}
      data-index={index}
      data-value={option.id}
      style={{ height: ROW }}
      className={cn(
        "flex flex-col justify-center px-3 text-sm",
        option.unavailable
          ? "cursor-not-allowed text-zinc-500 dark:text-zinc-400"
          : "cursor-pointer",
        highlighted && "bg-sky-100 dark:bg-sky-900",
        option.wildcard && "font-medium text-sky-800 dark:text-sky-300",
      )}
    >
      <span className="truncate">
        {option.label}
        {option.unavailable ? (
          <span className="ml-2 text-xs text-amber-800 dark:text-amber-300">— not usable</span>
        ) : null}
        {selected ? (
          <span className="ml-2 text-xs text-emerald-700 dark:text-emerald-400">✓ added</span>
        ) : null}
      </span>
      {option.detail || option.unavailable ? (
        <span className="truncate text-xs text-zinc-500 dark:text-zinc-400">
          {[option.unavailable, option.detail].filter(Boolean).join(" · ")}
        </span>
      ) : null}
    </li>
  );
}
