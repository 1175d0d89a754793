// Loading what a page shows: the answer, the error, and a way to load it again after a change.
// An answer that arrives after the page moved on (another id, or gone) is dropped.

import { useEffect, useState } from "preact/hooks";

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    load()
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
    // `load` is given inline; what it reads is in `deps`.
  }, [...deps, generation]);
  return { data, error, reload: () => setGeneration((g) => g + 1) };
}
