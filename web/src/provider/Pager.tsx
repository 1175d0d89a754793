// Previous/next paging for a filtered table, announced to screen readers.

import { Button } from "../app/ui";

export function Pager(p: {
  label: string;
  page: number;
  pages: number;
  total: number;
  setPage: (page: number) => void;
}) {
  if (p.pages <= 1) return null;
  return (
    <nav class="pager" aria-label={`${p.label} pages`}>
      <Button kind="secondary" disabled={p.page === 0} onClick={() => p.setPage(p.page - 1)}>
        Previous page
      </Button>
      <span role="status">
        Page {p.page + 1} of {p.pages} ({p.total})
      </span>
      <Button
        kind="secondary"
        disabled={p.page >= p.pages - 1}
        onClick={() => p.setPage(p.page + 1)}
      >
        Next page
      </Button>
    </nav>
  );
}
