"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { PickerItem } from "@/lib/scope-builder/picker-items";
import { pickerSourceQuery, type PickerSource } from "@/lib/scope-builder/queries";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** One picker's server-searched list: items, paging, status and the total when known. */
export function usePicker(source: PickerSource, search: string) {
  const term = useDebounced(search.trim(), 60);
  const query = useInfiniteQuery({
    ...pickerSourceQuery(source, term),
    placeholderData: keepPreviousData,
  });
  const items = useMemo<PickerItem[]>(
    () => query.data?.pages.flatMap((p) => p.items) ?? [],
    [query.data],
  );
  const lastPage = query.data?.pages.at(-1);
  const status = query.isError
    ? ("error" as const)
    : query.isPending || (query.isFetching && query.isPlaceholderData)
      ? ("loading" as const)
      : ("ready" as const);
  return {
    items,
    /** Objects that exist today (all pages), when the list is unfiltered. */
    total: term === "" && lastPage ? items.length + (lastPage.remaining ?? 0) : undefined,
    hasMore: query.hasNextPage,
    /** The list's state as AsyncCombobox takes it: spread into the combobox. */
    combobox: {
      status,
      error: query.error?.message,
      onRetry: () => void query.refetch(),
      hasMore: query.hasNextPage,
      onLoadMore: query.fetchNextPage,
    },
  };
}
