// The levels of access to a collection a person picks from, and the server's three flags
// (readOnly, hidePasswords, manage) each level stands for.

import type { Selection } from "./api";

export const ACCESS_LEVELS = [
  { value: "none", label: "No access" },
  { value: "view", label: "Can view" },
  { value: "view-hidden", label: "Can view, except passwords" },
  { value: "edit", label: "Can edit" },
  { value: "edit-hidden", label: "Can edit, except passwords" },
  { value: "manage", label: "Can manage" },
] as const;

export type AccessLevel = (typeof ACCESS_LEVELS)[number]["value"];

export function levelOf(s: Selection | undefined): AccessLevel {
  if (!s) return "none";
  if (s.manage) return "manage";
  if (s.readOnly) return s.hidePasswords ? "view-hidden" : "view";
  return s.hidePasswords ? "edit-hidden" : "edit";
}

export function selectionOf(id: string, level: AccessLevel): Selection | null {
  switch (level) {
    case "none":
      return null;
    case "view":
      return { id, readOnly: true, hidePasswords: false, manage: false };
    case "view-hidden":
      return { id, readOnly: true, hidePasswords: true, manage: false };
    case "edit":
      return { id, readOnly: false, hidePasswords: false, manage: false };
    case "edit-hidden":
      return { id, readOnly: false, hidePasswords: true, manage: false };
    case "manage":
      return { id, readOnly: false, hidePasswords: false, manage: true };
  }
}

/** The chosen levels as the server's list (collections left at "No access" are not sent). */
export function selectionsOf(levels: ReadonlyMap<string, AccessLevel>): Selection[] {
  const out: Selection[] = [];
  for (const [id, level] of levels) {
    const s = selectionOf(id, level);
    if (s) out.push(s);
  }
  return out;
}
