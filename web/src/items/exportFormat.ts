// The items of a Bitwarden JSON export, in the official apps' member order, for both the
// organization's export and the personal vault's: in clear (every EncString opened) or as
// stored (with each item's own key), and the check value an encrypted file carries so that an
// import can test its key before reading the rest.

import { type SymmetricKey, encryptString, randomBytes, toBase64 } from "../crypto";
import type { Cipher } from "./cipher";
import { itemKey } from "./decrypt";
import { openDeep } from "./encStrings";

/** An item as the server sends it, with the members the export copies. */
export type ExportRow = Cipher & Record<string, unknown>;

const SECTION_OF: Record<number, string> = { 1: "login", 2: "secureNote", 3: "card", 4: "identity", 5: "sshKey" };

const MEMBERS = ["name", "notes", "fields", "passwordHistory", "login", "secureNote", "card", "identity", "sshKey"];

/**
 * Whose export: an organization's items carry their collections and no folder or favourite
 * (those belong to each member); a person's carry their folder and favourite mark.
 */
export type ExportScope = "organization" | "personal";

/** The export's members of one item, in the official order; values as given. */
function exportItem(row: ExportRow, values: Record<string, unknown>, withKey: boolean, scope: ExportScope) {
  const section = SECTION_OF[row.type];
  const personal = scope === "personal";
  return {
    passwordHistory: values["passwordHistory"] ?? null,
    revisionDate: row.revisionDate,
    creationDate: row["creationDate"] ?? row.revisionDate,
    deletedDate: row.deletedDate ?? null,
    id: row.id,
    organizationId: row.organizationId,
    folderId: personal ? (row.folderId ?? null) : null,
    type: row.type,
    reprompt: typeof row["reprompt"] === "number" ? row["reprompt"] : 0,
    name: values["name"],
    notes: values["notes"] ?? null,
    favorite: personal ? Boolean(row.favorite) : false,
    fields: values["fields"] ?? null,
    ...(section ? { [section]: values[section] ?? null } : {}),
    collectionIds: personal ? null : (row.collectionIds ?? []),
    ...(withKey && row.key ? { key: row.key } : {}),
  };
}

/** Every item in clear, each opened with its own key (or `baseKey`). */
export async function plainItems(baseKey: SymmetricKey, rows: readonly ExportRow[], scope: ExportScope) {
  const items = [];
  for (const row of rows) {
    const key = await itemKey(baseKey, row);
    const values: Record<string, unknown> = {};
    for (const m of MEMBERS) values[m] = await openDeep(key, row[m] ?? null);
    items.push(exportItem(row, values, false, scope));
  }
  return items;
}

/** Every item as stored: EncStrings and each item's own wrapped key. */
export function encryptedItems(rows: readonly ExportRow[], scope: ExportScope) {
  return rows.map((row) => {
    const values: Record<string, unknown> = {};
    for (const m of MEMBERS) values[m] = row[m] ?? null;
    return exportItem(row, values, true, scope);
  });
}

/** A random value under `key`: an importer checks it opens before reading the rest. */
export function keyValidation(key: SymmetricKey): Promise<string> {
  return encryptString(key, toBase64(randomBytes(16)));
}
