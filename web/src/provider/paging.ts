// Filtering and paging of a long list in memory: a provider may have 10,000 clients, and a
// filter runs on every keystroke without freezing the page.

import { useMemo, useState } from "preact/hooks";

export const PAGE_SIZE = 50;

export function usePagedFilter<T>(rows: readonly T[] | null, text: (row: T) => string) {
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(0);
  // Lower-cased once per list, not once per keystroke.
  const indexed = useMemo(
    () => (rows ?? []).map((row) => ({ row, text: text(row).toLowerCase() })),
    // `text` is a pure accessor given inline; only the rows decide.
    [rows],
  );
  const matching = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? indexed.filter((x) => x.text.includes(q)) : indexed;
  }, [indexed, query]);
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = matching.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((x) => x.row);
  return {
    query,
    setQuery: (q: string) => {
      setQuery(q);
      setPage(0);
    },
    visible,
    total: matching.length,
    page: current,
    pages,
    setPage,
  };
}
