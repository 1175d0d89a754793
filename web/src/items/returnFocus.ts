// Closing a panel must not drop keyboard focus on the page's body (a keyboard user would start
// again from the top): focus goes back to the control that opened the panel, or, when that one
// is gone too (the Edit button of a view the editor replaced), to the caller's fallback.

import { useEffect, useState } from "preact/hooks";

export function useReturnFocus(fallback?: () => HTMLElement | null): void {
  // Read while the panel first renders: the opener still has focus then (the panel's own
  // focus-taking runs later, in an effect).
  const [opener] = useState<Element | null>(() => document.activeElement);
  useEffect(
    () => () => {
      // After the page has settled: only when nothing (or something removed) holds focus.
      setTimeout(() => {
        const now = document.activeElement;
        if (now && now !== document.body && now.isConnected) return;
        const target = opener instanceof HTMLElement && opener !== document.body && opener.isConnected ? opener : fallback?.();
        target?.focus();
      }, 0);
    },
    [],
  );
}
