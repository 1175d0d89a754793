// Placing an error where it belongs: a server refusal that names a field goes next to that
// field; anything else (a plain sentence, a lost connection) goes next to the action.

import { ApiError } from "../api";

export interface PlacedErrors {
  /** The message for one field, by the server's name for it (`"Email"`, `"BusinessName"`). */
  field: (serverName: string) => string | undefined;
  /** What is left for the action: null when every message found its field. */
  action: unknown;
}

export function placeErrors(error: unknown, fields: readonly string[]): PlacedErrors {
  if (!(error instanceof ApiError)) {
    return { field: () => undefined, action: error ?? null };
  }
  const placed = fields.filter((f) => error.forField(f) !== undefined);
  const keys = Object.keys(error.fieldErrors);
  const unplaced = keys.filter((k) => {
    const last = k.toLowerCase().slice(k.lastIndexOf(".") + 1);
    return !fields.some((f) => f.toLowerCase() === last || f.toLowerCase() === k.toLowerCase());
  });
  const action = placed.length > 0 && unplaced.length === 0 ? null : error;
  return {
    field: (name) => (placed.includes(name) ? error.forField(name) : undefined),
    action,
  };
}

/** A light check of an e-mail address before the server's own. */
export function looksLikeEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());
}
