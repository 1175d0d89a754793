// Idle auto-lock: after the time the user chose without a key press, click, touch or scroll in
// this tab, the vault locks (keys dropped, sign-in kept). The choice is kept in localStorage.

import { useEffect, useState } from "preact/hooks";

const LOCK_MINUTES_KEY = "bulwark.lockAfterMinutes";
export const DEFAULT_LOCK_MINUTES = 15;

/** A duration in words: "1 minute", "90 minutes", "3 seconds". */
export function describeMinutes(minutes: number): string {
  if (minutes < 1) {
    const s = Math.round(minutes * 60);
    return `${s} second${s === 1 ? "" : "s"}`;
  }
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The choices offered; 0 means never lock on idle (a reload still locks). */
export const LOCK_CHOICES: readonly { minutes: number; label: string }[] = [
  { minutes: 1, label: "1 minute" },
  { minutes: 5, label: "5 minutes" },
  { minutes: 15, label: "15 minutes" },
  { minutes: 30, label: "30 minutes" },
  { minutes: 60, label: "1 hour" },
  { minutes: 240, label: "4 hours" },
  { minutes: 0, label: "Never (lock on reload only)" },
];

const listeners = new Set<() => void>();

export function getLockMinutes(): number {
  try {
    const raw = localStorage.getItem(LOCK_MINUTES_KEY);
    if (raw === null) return DEFAULT_LOCK_MINUTES;
    // Whole minutes from the menu; a fraction (down to 3 seconds) only when set by hand, as
    // the browser tests do.
    const n = Number(raw);
    return Number.isFinite(n) && (n === 0 || (n >= 0.05 && n <= 24 * 60)) ? n : DEFAULT_LOCK_MINUTES;
  } catch {
    return DEFAULT_LOCK_MINUTES;
  }
}

export function setLockMinutes(minutes: number): void {
  try {
    localStorage.setItem(LOCK_MINUTES_KEY, String(minutes));
  } catch {
    // kept for this page only
  }
  for (const l of listeners) l();
}

export function useLockMinutes(): number {
  const [m, setM] = useState(getLockMinutes);
  useEffect(() => {
    const on = () => setM(getLockMinutes());
    listeners.add(on);
    const onStorage = (e: StorageEvent) => {
      if (e.key === LOCK_MINUTES_KEY) on();
    };
    window.addEventListener("storage", onStorage);
    return () => {
      listeners.delete(on);
      window.removeEventListener("storage", onStorage);
    };
  }, []);
  return m;
}

const ACTIVITY = ["keydown", "pointerdown", "wheel", "touchstart", "scroll"] as const;

/**
 * Calls `onIdle` once `minutes` pass without activity while `active`. A tab in the background
 * or a sleeping laptop is caught by comparing clocks, not by counting timer ticks.
 */
export function useIdleLock(active: boolean, minutes: number, onIdle: () => void): void {
  useEffect(() => {
    if (!active || minutes <= 0) return;
    const limit = minutes * 60_000;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    const check = () => {
      if (Date.now() - last >= limit) onIdle();
    };
    for (const ev of ACTIVITY) window.addEventListener(ev, touch, { passive: true, capture: true });
    const timer = setInterval(check, Math.min(10_000, limit / 4));
    document.addEventListener("visibilitychange", check);
    return () => {
      for (const ev of ACTIVITY) window.removeEventListener(ev, touch, { capture: true });
      clearInterval(timer);
      document.removeEventListener("visibilitychange", check);
    };
  }, [active, minutes, onIdle]);
}
